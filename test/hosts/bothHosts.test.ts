import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { BOT_SDKS, loadConfig, type BotSdk } from "../../src/config.js";
import { listComuni } from "../../src/knowledge/loadKnowledge.js";
import { createLogger } from "../../src/logger.js";
import { KNOWLEDGE_DIR } from "../support/realKnowledge.js";

const LOCALES_DIR = "locales";
/** One conversation per comune, as a citizen might have it: start, questions, a follow-up, a language switch, feedback, the menu. */
const SCRIPT: ReadonlyArray<{ type: "conversationUpdate" } | { type: "message"; text: string }> = [
  { type: "conversationUpdate" },
  { type: "message", text: "posso mandarvi qui la domanda per il bonus?" },
  { type: "message", text: "e il numero?" },
  { type: "message", text: "c'è un incendio in casa del vicino, aiuto" },
  { type: "message", text: "in inglese per favore" },
  { type: "message", text: "how do you moderate comments?" },
  { type: "message", text: "Yes, it helps" },
  { type: "message", text: "menu" },
];

interface Running {
  readonly app: App;
  readonly base: string;
}

const running = new Map<BotSdk, Running>();

async function start(sdk: BotSdk, extra: Record<string, string> = {}): Promise<Running> {
  const config = loadConfig({ COMUNI: "cento,mezzago", KNOWLEDGE_DIR, LOCALES_DIR, PORT: "0", LOG_LEVEL: "silent", BOT_SDK: sdk, INTERACTION_LOG_DIR: `/tmp/both-hosts-${sdk}-${process.pid}`, ...extra }, listComuni);
  const app = createApp(config, createLogger("silent"));
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  for (const sdk of BOT_SDKS) running.set(sdk, await start(sdk));
});

afterAll(async () => {
  for (const { app } of running.values()) {
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
    await app.close();
  }
});

async function post(base: string, comune: string, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/messages/${comune}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(activity) });
}

/** What the citizen sees of one turn: the replies without ids, timestamps and addresses. */
async function conversation(sdk: BotSdk, comune: string): Promise<unknown[]> {
  const { base } = running.get(sdk)!;
  const seen: unknown[] = [];
  for (const [n, step] of SCRIPT.entries()) {
    const res = await post(base, comune, {
      ...step,
      ...(step.type === "conversationUpdate" ? { membersAdded: [{ id: "citizen" }] } : {}),
      id: `a${n}`,
      channelId: "webchat",
      locale: "it-IT",
      serviceUrl: "http://127.0.0.1:1/",
      deliveryMode: "expectReplies",
      from: { id: "citizen" },
      recipient: { id: "bot" },
      conversation: { id: `both-hosts-${comune}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<Record<string, unknown>> };
    seen.push(body.activities.map(({ type, text, textFormat, attachments, attachmentLayout, suggestedActions }) => ({ type, text, textFormat, attachments, attachmentLayout, suggestedActions })));
  }
  return seen;
}

describe("the same conversation on both hosts", () => {
  it.each(["cento", "mezzago"])("%s: every reply is identical on botbuilder and on the Agents SDK", async (comune) => {
    const onBotbuilder = await conversation("botbuilder", comune);
    const onAgents = await conversation("agents", comune);
    expect(JSON.stringify(onBotbuilder)).toContain("112");
    expect(onAgents).toEqual(onBotbuilder);
  });
});

describe("a request with credentials configured", () => {
  it.each(BOT_SDKS)("%s: a forged token gets 401 with no detail, and the server goes on", async (sdk) => {
    const withCredentials = await start(sdk, { MicrosoftAppId__cento: "00000000-0000-0000-0000-00000000b07a", MicrosoftAppPassword__cento: "secret", MicrosoftAppId__mezzago: "00000000-0000-0000-0000-00000000b07b", MicrosoftAppPassword__mezzago: "secret" });
    try {
      const forged = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl";
      const activity = { type: "message", text: "ciao", channelId: "webchat", serviceUrl: "http://127.0.0.1:1/", deliveryMode: "expectReplies", from: { id: "c" }, recipient: { id: "b" }, conversation: { id: "x" } };
      const res = await post(withCredentials.base, "cento", activity, { authorization: `Bearer ${forged}` });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "Unauthorized." });
      expect((await fetch(`${withCredentials.base}/healthz`)).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => withCredentials.app.server.close(() => resolve()));
      await withCredentials.app.close();
    }
  });
});
