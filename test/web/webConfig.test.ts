import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const load = (env: NodeJS.ProcessEnv) => loadConfig(env, () => ["cento", "mezzago"]);

describe("the website widget's settings", () => {
  it("default to the global Direct Line service, no secret and no allowed origins", () => {
    expect(load({}).directLine).toEqual({ secret: "", baseUrl: "https://directline.botframework.com", allowedOrigins: [] });
  });

  it("read a regional base URL without its trailing slash, and a list of origins", () => {
    const config = load({
      DIRECT_LINE_SECRET: " secret ",
      DIRECT_LINE_BASE_URL: "https://europe.directline.botframework.com/",
      ALLOWED_ORIGINS: "https://bot.example.it, https://www.comune.cento.fe.it,",
    });
    expect(config.directLine).toEqual({
      secret: "secret",
      baseUrl: "https://europe.directline.botframework.com",
      allowedOrigins: ["https://bot.example.it", "https://www.comune.cento.fe.it"],
    });
  });

  it.each([
    ["a base URL that is not one", { DIRECT_LINE_BASE_URL: "directline" }, /DIRECT_LINE_BASE_URL must be the address/],
    ["a base URL with another scheme", { DIRECT_LINE_BASE_URL: "ftp://directline.example" }, /DIRECT_LINE_BASE_URL/],
    ["plain http in production", { NODE_ENV: "production", MicrosoftAppId: "app", MicrosoftAppPassword: "secret", DIRECT_LINE_BASE_URL: "http://directline.example" }, /must use https in production/],
    ["an origin with a path", { ALLOWED_ORIGINS: "https://www.comune.cento.fe.it/chat" }, /ALLOWED_ORIGINS.*"https:\/\/www\.comune\.cento\.fe\.it\/chat" is not one/],
    ["an origin with a trailing slash", { ALLOWED_ORIGINS: "https://www.comune.cento.fe.it/" }, /ALLOWED_ORIGINS/],
    ["a secret with no allowed origins", { DIRECT_LINE_SECRET: "secret" }, /DIRECT_LINE_SECRET is set but ALLOWED_ORIGINS is empty/],
  ])("stop start-up on %s, saying which setting", (_name, env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });
});
