import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent, createServer as createHttpServer, request, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "./support/freePort.js";

const ROOT = resolve(import.meta.dirname, "..");

interface Bot {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logDir: string;
  log(): string;
  /** resolves with the exit code and the milliseconds since `from` */
  exited(from: () => number): Promise<{ code: number | null; ms: number }>;
}

const children: ChildProcess[] = [];
const standIns: HttpServer[] = [];
afterEach(async () => {
  // Only the processes and servers this file started, by their own handles.
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const server of standIns.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
});

/** The real server process, as the Docker image runs it but through tsx: `node --import tsx src/index.ts`. */
async function startBot(name: string): Promise<Bot> {
  const port = await freePort();
  const logDir = resolve(ROOT, `test-artifacts/interactions-shutdown-${name}`);
  rmSync(logDir, { recursive: true, force: true });
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: "info", INTERACTION_LOG_DIR: logDir, NODE_ENV: "test", COMUNE: "cento" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const deadline = Date.now() + 20_000;
  let healthy = false;
  while (!healthy && Date.now() < deadline) {
    healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (!healthy) await new Promise((r) => setTimeout(r, 100));
  }
  expect(healthy, log).toBe(true);
  return {
    child,
    port,
    logDir,
    log: () => log,
    exited: async (from) => {
      const code = await exit;
      return { code, ms: Date.now() - from() };
    },
  };
}

/**
 * A channel's connector stand-in on 127.0.0.1 (the only kind of serviceUrl an open-mode bot posts to):
 * holds each reply for `delayMs` before acknowledging it, so the turns that send them stay in flight.
 */
async function slowChannel(delayMs: number): Promise<{ url: string; received: () => number }> {
  let received = 0;
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      received += 1;
      if (delayMs === Infinity) return;
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"id":"1"}');
      }, delayMs);
    });
  });
  standIns.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received: () => received };
}

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: string;
}

/** Keeps connections open between requests, as channels and browsers do. */
const keepAlive = new Agent({ keepAlive: true });

/** POST /api/messages on a keep-alive connection; rejects on a reset or a cut-off body. */
function postActivity(port: number, activity: unknown, agent: Agent = keepAlive): Promise<Answer> {
  const body = JSON.stringify(activity);
  return new Promise((done, fail) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/api/messages", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("error", fail);
        res.on("aborted", () => fail(new Error("response aborted")));
        res.on("end", () => done({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      // A new connection reset without a byte of answer was still in the kernel's listen queue when the
      // port closed: the server never read that request, as with a refused connection. A reset on a
      // reused keep-alive connection would be a request the server dropped: that stays a reset.
      if (error.code === "ECONNRESET" && !req.reusedSocket) error.code = "PORT_CLOSED_WHILE_QUEUED";
      fail(error);
    });
    req.end(body);
  });
}

const activity = (conversation: string, text: string, serviceUrl: string, expectReplies: boolean) => ({
  type: "message",
  id: "1",
  text,
  locale: "it-IT",
  channelId: "test",
  serviceUrl,
  ...(expectReplies ? { deliveryMode: "expectReplies" } : {}),
  from: { id: "u1" },
  recipient: { id: "bot" },
  conversation: { id: conversation },
});

/** GET /healthz on a new connection. */
function healthOnNewConnection(port: number): Promise<number> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on("error", fail);
    req.end();
  });
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe("the server process on SIGTERM", () => {
  it("stops accepting and exits cleanly within 10 s when idle", async () => {
    const bot = await startBot("idle");
    let signalledAt = 0;
    const exited = bot.exited(() => signalledAt);
    signalledAt = Date.now();
    bot.child.kill("SIGTERM");
    const { code, ms } = await exited;
    expect(code, bot.log()).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(bot.log()).toMatch(/shutting down/);
  }, 40_000);

  it("finishes every turn in flight with its full response, none reset, closes keep-alive connections, writes the staff log and exits 0", async () => {
    const bot = await startBot("busy");
    const channel = await slowChannel(1_500);
    // A connection left idle in keep-alive before the signal: it must not hold the process open.
    const idle = await postActivity(bot.port, activity("idle", "ciao", "http://127.0.0.1:1/", true));
    expect(idle.status).toBe(200);
    // Turns whose replies go to the slow channel: each is in flight until the channel acknowledges, and
    // each ends by giving the staff log a line (an answered question, or a missed one) as the signal arrives.
    const answered = Array.from({ length: 8 }, (_, i) => postActivity(bot.port, activity(`answered-${i}`, "a che ora rispondete sulla pagina?", channel.url, false)));
    const missed = Array.from({ length: 4 }, (_, i) => postActivity(bot.port, activity(`missed-${i}`, `zxqv blorp ${i}`, channel.url, false)));
    await until(() => channel.received() >= 12, 10_000);
    expect(channel.received(), bot.log()).toBeGreaterThanOrEqual(12);

    let signalledAt = 0;
    const exited = bot.exited(() => signalledAt);
    signalledAt = Date.now();
    bot.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 100));
    // No new connection once stopping.
    await expect(healthOnNewConnection(bot.port)).rejects.toThrow(/ECONNREFUSED/);

    const answers = await Promise.all([...answered, ...missed]);
    for (const answer of answers) {
      expect(answer.status, answer.body).toBe(200);
      expect(answer.connection).toBe("close");
    }

    const { code, ms } = await exited;
    expect(code, bot.log()).toBe(0);
    expect(ms).toBeLessThan(10_000);
    const lines = (kind: string) =>
      readdirSync(bot.logDir)
        .filter((name) => name.startsWith(`${kind}-`))
        .flatMap((name) => readFileSync(resolve(bot.logDir, name), "utf8").split("\n").filter(Boolean));
    expect(lines("missed").filter((line) => line.includes("zxqv")), bot.log()).toHaveLength(4);
    expect(lines("questions").length, bot.log()).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it("under continuous load on keep-alive connections, resets no request: each is answered or finds the port closed", { timeout: 60_000 }, async () => {
    const bot = await startBot("load");
    const outcomes = new Map<string, number>();
    let stopping = false;
    let sequence = 0;
    // Twenty clients, each sending its next request the moment the previous answer arrives, as a load generator does.
    const client = async (id: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        while (!stopping) {
          const outcome = await postActivity(bot.port, activity(`load-${id}-${sequence++}`, "a che ora rispondete sulla pagina?", "http://127.0.0.1:1/", true), agent).then(
            (answer) => (answer.status === 200 && answer.body.includes("13:00") ? "answered" : `status ${answer.status}`),
            (error: NodeJS.ErrnoException) => error.code ?? error.message,
          );
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          if (outcome === "ECONNREFUSED" || outcome === "PORT_CLOSED_WHILE_QUEUED") return;
        }
      } finally {
        agent.destroy();
      }
    };
    const clients = Array.from({ length: 20 }, (_, id) => client(id));
    await until(() => (outcomes.get("answered") ?? 0) >= 100, 20_000);
    let signalledAt = 0;
    const exited = bot.exited(() => signalledAt);
    signalledAt = Date.now();
    bot.child.kill("SIGTERM");
    const { code, ms } = await exited;
    stopping = true;
    await Promise.all(clients);
    const { answered, ECONNREFUSED = 0, PORT_CLOSED_WHILE_QUEUED = 0, ...others } = Object.fromEntries(outcomes);
    expect(others).toEqual({});
    expect(answered).toBeGreaterThanOrEqual(100);
    expect(ECONNREFUSED + PORT_CLOSED_WHILE_QUEUED).toBe(20);
    expect(code, bot.log()).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it("exits within 10 s even when a turn never finishes", async () => {
    const bot = await startBot("stuck");
    const channel = await slowChannel(Infinity);
    const stuck = postActivity(bot.port, activity("stuck", "a che ora rispondete sulla pagina?", channel.url, false)).catch((error: Error) => error);
    await until(() => channel.received() >= 1, 10_000);
    let signalledAt = 0;
    const exited = bot.exited(() => signalledAt);
    signalledAt = Date.now();
    bot.child.kill("SIGTERM");
    const { ms } = await exited;
    expect(ms, bot.log()).toBeLessThan(10_000);
    expect(bot.log()).toMatch(/still in flight/);
    await stuck;
  }, 60_000);
});
