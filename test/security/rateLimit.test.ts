import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer, type BotServer } from "../support/botServer.js";

let running: BotServer;
let base: string;
let now = 0;

beforeAll(async () => {
  running = await startBotServer({ rateLimit: { burst: 3, perMinute: 6, now: () => now } });
  base = running.base;
});

afterAll(() => running.close());

async function say(conversation: string, text: string): Promise<{ status: number; texts: string[] }> {
  const res = await fetch(`${base}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "message", text, locale: "it-IT", channelId: "test", serviceUrl: "http://127.0.0.1:1/", deliveryMode: "expectReplies", conversation: { id: conversation }, from: { id: "u" }, recipient: { id: "b" } }),
  });
  const body = (await res.json()) as { activities?: Array<{ text?: string }> };
  return { status: res.status, texts: (body.activities ?? []).map((a) => a.text ?? "") };
}

describe("the per-conversation rate limit on the Bot Framework path", () => {
  it("answers a flood with one polite message (200, never 429), leaves other conversations alone, and recovers", async () => {
    for (let i = 0; i < 3; i++) expect((await say("flood", "orari della pagina?")).texts.join(" ")).toMatch(/13:00/);
    const limited = await say("flood", "orari della pagina?");
    expect(limited.status).toBe(200);
    expect(limited.texts).toEqual([expect.stringMatching(/Stai scrivendo molto velocemente.*112/)]);
    expect((await say("flood", "orari della pagina?")).texts).toEqual([]);
    expect((await say("calm", "orari della pagina?")).texts.join(" ")).toMatch(/13:00/);
    now += 20_000;
    expect((await say("flood", "orari della pagina?")).texts.join(" ")).toMatch(/13:00/);
  });
});
