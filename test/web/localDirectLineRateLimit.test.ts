import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenBuckets } from "../../src/limits/tokenBuckets.js";
import { startWebServer, type WebServer } from "./webServer.js";

let server: WebServer;

beforeAll(async () => {
  server = await startWebServer({
    localDirectLineLimits: {
      perClient: new TokenBuckets({ capacity: 4, refillPerSecond: 0.001, maxClients: 10 }),
      perConversation: new TokenBuckets({ capacity: 2, refillPerSecond: 0.001, maxClients: 10 }),
    },
  });
});
afterAll(() => server.close());

const call = (path: string, method: string, token?: string, body?: unknown) =>
  fetch(`${server.base}/v3/directline${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe("the local Direct Line's rate limits", () => {
  it("answers 429 with Retry-After to a conversation that posts too fast, and to a client that starts too many", async () => {
    const generated = (await (await call("/tokens/generate", "POST")).json()) as { token: string; conversationId: string };
    expect((await call("/conversations", "POST", generated.token, { locale: "it-IT" })).status).toBe(201);
    const message = { type: "message", text: "orari?", from: { id: "u" } };
    const path = `/conversations/${generated.conversationId}/activities`;
    expect((await call(path, "POST", generated.token, message)).status).toBe(200);
    expect((await call(path, "POST", generated.token, message)).status).toBe(200);
    const limited = await call(path, "POST", generated.token, message);
    expect(limited.status).toBe(429);
    // One post refills in 1,000 s at 0.001 a second: the header is the bucket's own figure, as the body says.
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(900);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toBe(`Too many requests; retry in ${retryAfter} s.`);
    expect((await call(path, "GET", generated.token)).status).toBe(200);
    expect((await call("/tokens/generate", "POST")).status).toBe(200);
    expect((await call("/tokens/generate", "POST")).status).toBe(200);
    const refused = await call("/tokens/generate", "POST");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(900);
  });
});
