import { request } from "node:http";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer, type BotServer } from "../support/botServer.js";

let running: BotServer;
let base: string;

const MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "javascript:alert(1)", "{{constructor.constructor('x')()}}", "${process.exit()}"];
const markup = fc.constantFrom(...MARKUP);
const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  markup,
  markup.map((m) => `la pagina "${m}" è ufficiale?`),
  fc.constantFrom("\u0000", "\ud800", "\udfff\ud800", "🔥".repeat(500)),
);
const anyValue = fc.oneof(weirdString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 5 }), fc.object({ maxDepth: 3 }));
const activity = fc.record(
  {
    type: fc.oneof(fc.constantFrom("message", "conversationUpdate", "event", "invoke", "typing", "endOfConversation"), anyValue),
    text: fc.oneof(weirdString, anyValue),
    locale: fc.oneof(fc.constantFrom("it-IT", "en-US", "xx", ""), anyValue),
    channelId: fc.oneof(fc.constantFrom("webchat", "facebook", "directline", "test"), anyValue),
    serviceUrl: fc.oneof(fc.constant("http://127.0.0.1:1/"), anyValue),
    deliveryMode: fc.oneof(fc.constant("expectReplies"), anyValue),
    conversation: fc.oneof(fc.record({ id: fc.oneof(fc.uuid(), anyValue) }), anyValue),
    from: fc.oneof(fc.record({ id: fc.string() }), anyValue),
    recipient: fc.oneof(fc.record({ id: fc.string() }), anyValue),
    membersAdded: fc.oneof(fc.array(fc.record({ id: fc.string() }), { maxLength: 3 }), anyValue),
    value: anyValue,
    channelData: anyValue,
    attachments: fc.oneof(fc.array(fc.record({ contentType: fc.string(), content: anyValue }), { maxLength: 2 }), anyValue),
  },
  { requiredKeys: [] },
);
const deepJson = fc.integer({ min: 50, max: 3000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`);
const rawBody = fc.oneof(
  activity.map((a) => JSON.stringify(a)),
  activity.map((a) => JSON.stringify({ ...a, type: "message", deliveryMode: "expectReplies", conversation: { id: "fuzz" }, serviceUrl: "http://127.0.0.1:1/" })),
  deepJson,
  fc.string(),
  fc.constantFrom("", "null", "true", "1", "\"x\"", "{", "{\"type\":", "[]"),
);

/** How many cases each property of {@link fuzzHttpEndpoint} tries; the seeds stay fixed, so fewer runs are the first of more. */
export interface FuzzRuns {
  readonly activities: number;
  readonly encodings: number;
  readonly serviceUrls: number;
}

/**
 * The real bot server under fuzzed requests: `npm test` tries a few hundred cases
 * (test/fuzz/httpFuzz.test.ts), `npm run test:soak` thousands (httpFuzz.soak.test.ts).
 */
export function fuzzHttpEndpoint(runs: FuzzRuns): void {
  describe("the HTTP endpoint under fuzzing", () => {
    beforeAll(async () => {
      running = await startBotServer();
      base = running.base;
    });

    afterAll(() => running.close());

    it(`answers ${runs.activities} random and malformed activities with 2xx or 4xx, never 5xx, without echoing markup`, async () => {
      await fc.assert(
        fc.asyncProperty(rawBody, async (body) => {
          const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
          const text = await res.text();
          expect(res.status, `${res.status} for ${body.slice(0, 200)}: ${text.slice(0, 300)}`).toBeLessThan(500);
          for (const m of MARKUP.slice(0, 3)) expect(text).not.toContain(m);
          expect(text).not.toMatch(/\n\s+at \S+ \(/);
        }),
        { numRuns: runs.activities, seed: 20261123 },
      );
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
    }, 120_000);

    it("answers any content type and content encoding with 2xx or 4xx, never 5xx, and never dies", async () => {
      const contentType = fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/octet-stream",
        "",
      );
      const encoding = fc.constantFrom("", "identity", "gzip", "deflate", "br", "x-gzip", "gzip, identity", "GZIP");
      const body = fc.oneof(rawBody, fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes).toString("latin1")));
      await fc.assert(
        fc.asyncProperty(contentType, encoding, body, fc.boolean(), async (type, contentEncoding, text, compress) => {
          const bytes = compress ? gzipSync(Buffer.from(text)) : Buffer.from(text, "latin1");
          const status = await rawPost(bytes, { ...(type ? { "content-type": type } : {}), ...(contentEncoding ? { "content-encoding": contentEncoding } : {}) });
          expect(status, `${type} ${contentEncoding} ${text.slice(0, 100)}`).toBeLessThan(500);
          if (!["", "identity"].includes(contentEncoding)) expect(status).toBe(415);
        }),
        { numRuns: runs.encodings, seed: 20261124 },
      );
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    }, 120_000);

    it("never makes an open-mode bot call a serviceUrl off this machine", async () => {
      const offMachine = fc.oneof(
        fc.webUrl(),
        fc.constantFrom("http://10.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://localhost.example/", "http://127.0.0.1.nip.io/", "file:///etc/passwd", "http://0.0.0.0:3978/"),
      );
      const deliveryMode = fc.constantFrom(undefined, "normal", "notification", "ExpectReplies", "");
      await fc.assert(
        fc.asyncProperty(offMachine, deliveryMode, fc.string({ maxLength: 50 }), async (serviceUrl, mode, text) => {
          const activity = { type: "message", text, channelId: "test", serviceUrl, ...(mode === undefined ? {} : { deliveryMode: mode }), conversation: { id: "ssrf" }, from: { id: "u" }, recipient: { id: "b" } };
          const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
          expect(res.status, serviceUrl).toBe(400);
        }),
        { numRuns: runs.serviceUrls, seed: 20261125 },
      );
    }, 60_000);

    it("answers a 100 KB message from its start", async () => {
      const text = `mi hanno rubato la bicicletta, voglio fare denuncia. ${"bla ".repeat(25_000)}`;
      const res = await fetch(`${base}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "message", text, deliveryMode: "expectReplies", channelId: "test", serviceUrl: "http://127.0.0.1:1/", conversation: { id: "long" }, from: { id: "u" }, recipient: { id: "b" } }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { activities: Array<{ text?: string }> };
      expect(body.activities.map((a) => a.text).join(" ")).toMatch(/Carabinieri|Polizia/);
    });
  });
}

/** POST /api/messages with exactly these bytes and headers; resolves with the status. */
function rawPost(body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/messages`, { method: "POST", headers: { ...headers, "content-length": String(body.length) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}
