import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { BOT_SDKS, loadConfig, type BotSdk } from "../../src/config.js";
import { listComuni } from "../../src/knowledge/loadKnowledge.js";
import { createLogger } from "../../src/logger.js";
import { startAzurite, type Azurite } from "../storage/azurite.js";
import { KNOWLEDGE_DIR } from "../support/realKnowledge.js";

let azurite: Azurite;
const replicas: Array<{ sdk: BotSdk; app: App; base: string }> = [];

/** One replica of the bot as an App Service instance runs it, with STORAGE=blob on the shared account. */
async function replica(sdk: BotSdk): Promise<{ sdk: BotSdk; app: App; base: string }> {
  const config = loadConfig(
    { KNOWLEDGE_DIR, LOCALES_DIR: "locales", PORT: "0", LOG_LEVEL: "silent", BOT_SDK: sdk, STORAGE: "blob", STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: "shared-state", INTERACTION_LOG_DIR: `/tmp/shared-blob-${sdk}-${process.pid}` },
    listComuni,
  );
  const app = createApp(config, createLogger("silent"));
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  return { sdk, app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  azurite = await startAzurite();
  for (const sdk of BOT_SDKS) replicas.push(await replica(sdk));
}, 60_000);

afterAll(async () => {
  for (const { app } of replicas) {
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
    await app.close();
  }
  await azurite?.stop();
});

async function say(base: string, conversation: string, text: string): Promise<string> {
  const res = await fetch(`${base}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "message", id: "m", text, locale: "it-IT", channelId: "webchat", serviceUrl: "http://127.0.0.1:1/", deliveryMode: "expectReplies", from: { id: "citizen" }, recipient: { id: "bot" }, conversation: { id: conversation } }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities: Array<{ text?: string }> };
  return body.activities.map((a) => a.text ?? "").join("\n");
}

describe("STORAGE=blob, one conversation across replicas on different hosts", () => {
  it.each([
    ["botbuilder", "agents"],
    ["agents", "botbuilder"],
  ] as const)("the language chosen on a %s replica holds on a %s replica", async (first, second) => {
    const conversation = `across-${first}-${second}`;
    const on = (sdk: BotSdk) => replicas.find((r) => r.sdk === sdk)!.base;
    await say(on(first), conversation, "in inglese per favore");
    const answer = await say(on(second), conversation, "quali sono le regole per commentare?");
    // Asked in Italian, answered in English: the second replica read the first one's state.
    expect(answer).toMatch(/\brules\b/);
    expect(answer).not.toMatch(/\bregole\b/);
  });
});
