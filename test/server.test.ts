import { request } from "node:http";
import { gzipSync } from "node:zlib";
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

  it.each([
    ["a form", "type=message&serviceUrl=http%3A%2F%2F127.0.0.1%3A1%2F", "application/x-www-form-urlencoded"],
    ["a multipart form", "--x\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nmessage\r\n--x--\r\n", "multipart/form-data; boundary=x"],
    ["a JSON activity sent as text/plain", JSON.stringify(activity("ciao")), "text/plain"],
  ])("answers %s on /api/messages with 415: only application/json is an activity", async (_name, body, type) => {
    const res = await post(body, type);
    expect(res.status).toBe(415);
    expect((await post(JSON.stringify(activity("ciao")), "application/json; charset=utf-8")).status).toBe(200);
  });

  it("rejects a body over 256 KB with 413", async () => {
    const res = await post(JSON.stringify(activity("a".repeat(300 * 1024))));
    expect(res.status).toBe(413);
  });
});

/** Sends a raw request with node:http, so that nothing between the test and the server touches the body. */
function rawPost(path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string; ms: number }> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: "POST", headers: { ...headers, "content-length": String(body.length) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - began }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("compressed request bodies", () => {
  const json = { "content-type": "application/json" };
  // 260 MB of zeros in about 255 KB of gzip: what restify's body reader would inflate, counting only the compressed bytes.
  const bomb = gzipSync(Buffer.alloc(260 * 1024 * 1024), { level: 9 });

  it.each([
    ["a body that is not gzip at all", "/api/messages", "gzip", Buffer.from("x")],
    ["a truncated gzip stream", "/api/messages", "gzip", gzipSync(Buffer.from(JSON.stringify(activity("ciao")))).subarray(0, 20)],
    ["a gzip bomb", "/api/messages", "gzip", bomb],
    ["a deflate body on another route", "/v3/directline/tokens/generate", "deflate", Buffer.from("not deflate")],
    ["a br body on an unknown route", "/nowhere", "br", Buffer.from("x")],
    ["a valid gzip activity", "/api/messages", "GZip", gzipSync(Buffer.from(JSON.stringify(activity("ciao"))))],
  ])("answers %s with 415 within 2 s, and the server keeps answering", async (_name, path, encoding, body) => {
    const res = await rawPost(path, { ...json, "content-encoding": encoding }, body);
    expect(res.status).toBe(415);
    expect(res.ms).toBeLessThan(2_000);
    expect(res.text).toMatch(/Content-Encoding/);
    expect((await post(JSON.stringify(activity("ciao")))).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("accepts Content-Encoding: identity", async () => {
    const res = await rawPost("/api/messages", { ...json, "content-encoding": "identity" }, Buffer.from(JSON.stringify(activity("ciao"))));
    expect(res.status).toBe(200);
  });
});
