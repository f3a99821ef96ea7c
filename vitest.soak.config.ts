import { defineConfig } from "vitest/config";
import { SOAK_TESTS } from "./vitest.config.js";

/**
 * `npm run test:soak`: the same behaviour as some default tests, at the volume that finds what only
 * volume finds (50,000 conversations through a capped store, thousands of fuzzed requests), kept out
 * of `npm test` so that it stays fast. CI runs both.
 */
export default defineConfig({
  test: {
    include: [SOAK_TESTS],
    testTimeout: 600_000,
    globalSetup: ["test/support/webChatBundleSetup.ts"],
  },
});
