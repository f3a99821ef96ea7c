import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TokenBuckets } from "../../src/limits/tokenBuckets.js";
import { startWebServer, type WebServer } from "./webServer.js";

const SECRET = "dl-secret-that-must-stay-on-the-server";
const SITE = "https://www.comune.cento.fe.it";

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** A local HTTP server standing in for the Direct Line service; each test says how it answers. */
let service: Server;
let serviceBase: string;
let received: Received[] = [];
let answer: (res: ServerResponse, body: { user?: { id?: string } }) => void;
const issue = (res: ServerResponse, body: { user?: { id?: string } }) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ conversationId: "conv-42", token: `token-for-${body.user?.id}`, expires_in: 3600 }));
};

beforeAll(async () => {
  service = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      const body = text ? (JSON.parse(text) as { user?: { id?: string } }) : {};
      received.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
      answer(res, body);
    });
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  serviceBase = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(() => {
  service.closeAllConnections();
  return new Promise<void>((resolve) => service.close(() => resolve()));
});

let bot: WebServer | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
  received = [];
  answer = issue;
});

async function startBot(options: { buckets?: TokenBuckets; timeoutMs?: number; trustProxy?: number } = {}): Promise<WebServer> {
  bot = await startWebServer({
    config: {
      production: true,
      openMode: false,
      directLine: { secret: SECRET, baseUrl: serviceBase, allowedOrigins: [SITE] },
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    },
    tokenBuckets: options.buckets ?? new TokenBuckets({ capacity: 100, refillPerSecond: 1, maxClients: 100 }),
    tokenTimeoutMs: options.timeoutMs ?? 5000,
  });
  return bot;
}

const askToken = (server: WebServer, headers: Record<string, string> = { origin: SITE }, method = "POST") =>
  fetch(`${server.base}/api/directline/token`, { method, headers });

describe("the production token endpoint", () => {
  it("exchanges the secret for a token bound to a dl_ user id it picks, and never returns the secret", async () => {
    answer = issue;
    const server = await startBot();
    const response = await askToken(server);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const body = JSON.parse(text) as { token: string; conversationId: string; expires_in: number; userId: string };
    expect(body.userId).toMatch(/^dl_[0-9a-f]{32}$/);
    expect(body).toEqual({ token: `token-for-${body.userId}`, conversationId: "conv-42", expires_in: 3600, userId: body.userId });
    expect(received).toEqual([{ method: "POST", url: "/v3/directline/tokens/generate", authorization: `Bearer ${SECRET}`, body: { user: { id: body.userId } } }]);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("access-control-allow-origin")).toBe(SITE);
  });

  it("picks a different user id for each request", async () => {
    answer = issue;
    const server = await startBot();
    const ids = await Promise.all([askToken(server), askToken(server)].map(async (r) => ((await (await r).json()) as { userId: string }).userId));
    expect(new Set(ids).size).toBe(2);
  });

  it("accepts a GET from an allowed page, recognised by its Referer", async () => {
    answer = issue;
    const server = await startBot();
    expect((await askToken(server, { referer: `${SITE}/servizi/chat` }, "GET")).status).toBe(200);
  });

  it.each([
    ["another site's origin", { origin: "https://evil.example" }],
    ["a look-alike origin", { origin: `${SITE}.evil.example` }],
    ["no origin at all", {}],
  ])("refuses %s with 403 without calling the service", async (_name, headers) => {
    answer = issue;
    const server = await startBot();
    expect((await askToken(server, headers)).status).toBe(403);
    expect(received).toEqual([]);
  });

  it("limits each client's rate with 429 and a Retry-After", async () => {
    answer = issue;
    const server = await startBot({ buckets: new TokenBuckets({ capacity: 2, refillPerSecond: 0.001, maxClients: 10 }) });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await askToken(server));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(Number(statuses[2]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(received).toHaveLength(2);
  });

  describe("counts clients by the address a trusted proxy saw", () => {
    const statusesFor = async (server: WebServer, forwardedFor: readonly string[]) => {
      const statuses: number[] = [];
      for (const xff of forwardedFor) statuses.push((await askToken(server, { origin: SITE, "x-forwarded-for": xff })).status);
      return statuses;
    };
    const twoPerClient = () => new TokenBuckets({ capacity: 2, refillPerSecond: 0.001, maxClients: 100 });

    it("with TRUST_PROXY=1: a new port or a new address in the same IPv6 /64 gets no new allowance; another client does", async () => {
      const server = await startBot({ buckets: twoPerClient(), trustProxy: 1 });
      expect(await statusesFor(server, ["198.51.100.7:1111", "198.51.100.7:2222", "198.51.100.7:3333"])).toEqual([200, 200, 429]);
      expect(await statusesFor(server, ["2001:db8:1:2::1", "[2001:db8:1:2::ffff]:443", "2001:db8:1:2:aaaa:bbbb:cccc:dddd"])).toEqual([200, 200, 429]);
      expect(await statusesFor(server, ["::ffff:198.51.100.9", "198.51.100.9:80", "[::ffff:198.51.100.9]:81"])).toEqual([200, 200, 429]);
      // What the client writes before the proxy's own entry changes nothing.
      expect(await statusesFor(server, ["10.0.0.1, 198.51.100.10", "10.0.0.2, 198.51.100.10", "198.51.100.10"])).toEqual([200, 200, 429]);
      expect(await statusesFor(server, ["198.51.100.8", "2001:db8:1:3::1"])).toEqual([200, 200]);
    });

    it("with no trusted proxy (the default): X-Forwarded-For is ignored, the socket's address counts", async () => {
      const server = await startBot({ buckets: twoPerClient() });
      expect(await statusesFor(server, ["198.51.100.1", "198.51.100.2", "198.51.100.3"])).toEqual([200, 200, 429]);
    });
  });

  it.each([
    ["refuses", 403, '{"error":{"code":"Forbidden"}}'],
    ["answers without a token", 200, "{}"],
    ["answers something that is not JSON", 200, "<html>"],
  ])("answers 502 when the service %s", async (_name, upstreamStatus, upstreamBody) => {
    answer = (res) => {
      res.writeHead(upstreamStatus, { "content-type": "application/json" });
      res.end(upstreamBody);
    };
    const server = await startBot();
    const response = await askToken(server);
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain(SECRET);
  });

  it("gives up with 504 when the service does not answer in time", async () => {
    answer = () => undefined; // never answers
    const server = await startBot({ timeoutMs: 200 });
    expect((await askToken(server)).status).toBe(504);
  });
});

describe("the page in production", () => {
  it("takes its token from /api/directline/token and talks to the configured Direct Line service", async () => {
    const server = await startBot();
    const response = await fetch(`${server.base}/`);
    const html = await response.text();
    const config = JSON.parse(/<script type="application\/json" id="webchat-config">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}") as Record<string, unknown>;
    expect(config).toMatchObject({ mode: "service", tokenUrl: "/api/directline/token", domain: `${serviceBase}/v3/directline`, webSocket: true });
    expect(html).not.toContain(SECRET);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`connect-src 'self' ${serviceBase}`);
    expect(csp).toContain(`frame-ancestors 'self' ${SITE}`);
  });

  it("does not serve the local Direct Line", async () => {
    const server = await startBot();
    expect((await fetch(`${server.base}/v3/directline/tokens/generate`, { method: "POST" })).status).toBe(404);
  });
});
