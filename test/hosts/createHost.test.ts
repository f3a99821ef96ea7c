import { OPEN_MODE } from "../../src/hosts/botAuthSettings.js";
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createHost } from "../../src/hosts/createHost.js";
import { createLogger } from "../../src/logger.js";

const ROOT = resolve(import.meta.dirname, "../..");

/** The SDK packages a fresh Node process has loaded once a host for `sdk` is ready, as at start-up. */
async function sdksLoadedBy(sdk: string): Promise<string[]> {
  const script = [
    'import { createRequire } from "node:module";',
    'import { createHost } from "./src/hosts/createHost.ts";',
    'import { createLogger } from "./src/logger.ts";',
    `const host = createHost({ sdk: ${JSON.stringify(sdk)}, auth: ${JSON.stringify(OPEN_MODE)}, runTurn: async () => {}, logger: createLogger("silent") });`,
    "await host.ready;",
    "const paths = Object.keys(createRequire(import.meta.url).cache);",
    'console.log(JSON.stringify(["botbuilder-core", "botframework-connector", "@microsoft/agents-hosting"].filter((sdk) => paths.some((path) => path.includes(`/node_modules/${sdk}/`)))));',
  ].join("\n");
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT });
  return JSON.parse(stdout.trim()) as string[];
}

describe("createHost", () => {
  it("loads only the SDK BOT_SDK names", async () => {
    expect(await sdksLoadedBy("botbuilder")).toEqual(["botbuilder-core", "botframework-connector"]);
    expect(await sdksLoadedBy("agents")).toEqual(["@microsoft/agents-hosting"]);
  });

  it.each(["botbuilder", "agents"] as const)("on %s, answers a request that comes while its SDK is still loading", async (sdk) => {
    const host = createHost({
      sdk,
      auth: OPEN_MODE,
      runTurn: async (activity, send) => send([{ type: "message", text: `echo: ${activity.text ?? ""}` }]),
      logger: createLogger("silent"),
    });
    const result = await host.handleActivity("", {
      type: "message",
      id: "1",
      text: "ciao",
      channelId: "test",
      serviceUrl: "http://127.0.0.1:1/",
      deliveryMode: "expectReplies",
      from: { id: "u1" },
      recipient: { id: "bot" },
      conversation: { id: "c1" },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ activities: [{ type: "message", text: "echo: ciao" }] });
    await expect(host.ready).resolves.toBeUndefined();
  });
});
