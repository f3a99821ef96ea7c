import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/** Tests whose point is volume or duration: `npm run test:soak` runs them (vitest.soak.config.ts), `npm test` does not. */
export const SOAK_TESTS = "test/**/*.soak.test.ts";

/**
 * The conversation as citizens meet it, run a second time on the Microsoft 365 Agents SDK host
 * (BOT_SDK=agents): the same tests, the same replies expected, through the other host.
 */
const CONVERSATION_TESTS = [
  "test/dialogs/conversationFlows.test.ts",
  "test/dialogs/staffFeatures.test.ts",
  "test/conversation/**/*.test.ts",
  "test/redirects.test.ts",
  "test/channels/messengerReplay.test.ts",
  "test/multiComune.test.ts",
  "test/server.test.ts",
  "test/web/localDirectLine.test.ts",
  "test/security/openMode.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // Vitest leaves a core free by default: on CI's two cores that halves the run. Most test files wait
    // on servers, browsers and child processes, so one worker per core keeps both busy (4m11s → 2m57s).
    maxWorkers: availableParallelism(),
    globalSetup: ["test/support/webChatBundleSetup.ts"],
    projects: [
      { extends: true, test: { name: "botbuilder", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, SOAK_TESTS] } },
      { extends: true, test: { name: "agents", include: CONVERSATION_TESTS, exclude: [...configDefaults.exclude, SOAK_TESTS], env: { BOT_SDK: "agents" } } },
    ],
  },
});
