import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageActivity as activity, startBotServer, type BotServer } from "./support/botServer.js";

let running: BotServer;
let base: string;

beforeAll(async () => {
  running = await startBotServer({ comune: "mezzago" });
  base = running.base;
});

afterAll(() => running.close());

const post = (body: string, contentType = "application/json") =>
  fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": contentType }, body });

describe("the HTTP server on a real port", () => {
  it("answers an expectReplies activity in the response body", async () => {
    const res = await post(JSON.stringify(activity("vorrei denunciare un furto, mi hanno rubato la bici")));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ text: string }> };
    expect(body.activities.length).toBeGreaterThan(0);
    expect(body.activities.map((a) => a.text).join(" ")).toMatch(/Carabinieri|Polizia/);
  });

  it("reports the comune and knowledge version on /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", comune: "mezzago", knowledgeVersion: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });

  it.each([
    ["bad JSON", "{not json", "application/json"],
    ["an activity with no type", JSON.stringify({ text: "ciao" }), "application/json"],
    ["an array", "[1,2,3]", "application/json"],
    ["a non-JSON content type", "hello", "text/plain"],
  ])("rejects %s with a 4xx and no stack trace, and keeps serving", async (_name, body, type) => {
    const res = await post(body, type);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const text = await res.text();
    expect(text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    const after = await post(JSON.stringify(activity("ciao")));
    expect(after.status).toBe(200);
  });

  it("rejects a body over 256 KB with 413", async () => {
    const res = await post(JSON.stringify(activity("a".repeat(300 * 1024))));
    expect(res.status).toBe(413);
  });
});
