import { configDefaults, defineConfig } from "vitest/config";

/** Tests whose point is volume or duration: `npm run test:soak` runs them (vitest.soak.config.ts), `npm test` does not. */
export const SOAK_TESTS = "test/**/*.soak.test.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [...configDefaults.exclude, SOAK_TESTS],
    testTimeout: 20_000,
    globalSetup: ["test/support/webChatBundleSetup.ts"],
  },
});
