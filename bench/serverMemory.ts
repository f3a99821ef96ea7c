import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { benchActivity, hasReplies } from "./benchActivity.js";
import { trackChild } from "./childProcesses.js";
import { freePort } from "./coldStart.js";
import type { BotSdk } from "../src/config.js";
import type { BenchMessage } from "./messages.js";
import { stopProcess } from "./serverProcess.js";
import { built } from "./transpile.js";

/** What the memory run asks for: how many conversations, how, and for how long at most. */
export interface ServerMemorySetup {
  readonly conversations: number;
  /** NODE_OPTIONS of the server process, as in the Dockerfile */
  readonly nodeOptions: string;
  /** BOT_SDK of the server process: the host measured */
  readonly sdk: BotSdk;
  /** keep-alive connections sending at once */
  readonly connections: number;
  /** the run stops here even if not every conversation was played */
  readonly maxSeconds: number;
  readonly messages: readonly BenchMessage[];
}

/** The server's resident memory around a run of distinct conversations over HTTP. */
export interface ServerMemory {
  readonly setup: Omit<ServerMemorySetup, "messages">;
  /** conversations played (fewer than asked when the time ran out) */
  readonly conversations: number;
  readonly seconds: number;
  /** 200 responses whose body carried no reply */
  readonly withoutReply: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  /** the most the process held at any time (the kernel's high-water mark, or the largest sample) */
  readonly rssPeakMb: number;
}

const READY_WITHIN_MS = 30_000;

/**
 * Starts the bot as production runs it — the compiled entry point with plain node (`node dist/src/index.js`,
 * from the benchmark's build), on the host `setup.sdk` names, the Dockerfile's NODE_OPTIONS, the default state storage, no credentials so
 * that no token is needed — and plays `conversations` distinct conversations of one message each over HTTP
 * (POST /api/messages with `deliveryMode: "expectReplies"`), on a few keep-alive connections. Reads the
 * server's resident memory from outside, as an operator would see it, before and after, and its peak.
 */
export async function measureServerMemory(setup: ServerMemorySetup): Promise<ServerMemory> {
  const port = await freePort();
  const child = trackChild(
    spawn(process.execPath, [built("src/index.ts")], {
      env: { ...process.env, NODE_OPTIONS: setup.nodeOptions, BOT_SDK: setup.sdk, PORT: String(port), LOG_LEVEL: "silent", NODE_ENV: "" },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: setup.connections });
  try {
    await untilHealthy(base, child);
    const before = residentMemory(child);
    let peakSampled = before.rssMb;
    const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, residentMemory(child).rssMb)), 500);
    const began = performance.now();
    const deadline = began + setup.maxSeconds * 1000;
    let next = 0;
    const counts = { played: 0, withoutReply: 0, non2xx: 0, errors: 0 };
    const connection = async () => {
      while (next < setup.conversations && performance.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode} during the memory run`);
        const sequence = next++;
        const message = setup.messages[sequence % setup.messages.length]!;
        const outcome = await post(agent, base, JSON.stringify(benchActivity(message, `rss-${sequence}`, sequence)));
        counts.played += 1;
        if (outcome === "error") counts.errors += 1;
        else if (outcome === "non2xx") counts.non2xx += 1;
        else if (outcome === "withoutReply") counts.withoutReply += 1;
      }
    };
    await Promise.all(Array.from({ length: setup.connections }, connection));
    const seconds = (performance.now() - began) / 1000;
    clearInterval(sampler);
    const after = residentMemory(child);
    const { messages: _messages, ...shown } = setup;
    return {
      setup: shown,
      conversations: counts.played,
      seconds,
      withoutReply: counts.withoutReply,
      non2xx: counts.non2xx,
      errors: counts.errors,
      rssBeforeMb: before.rssMb,
      rssAfterMb: after.rssMb,
      rssPeakMb: Math.max(after.peakMb ?? 0, peakSampled, after.rssMb),
    };
  } finally {
    agent.destroy();
    await stopProcess(child);
  }
}

type Outcome = "answered" | "withoutReply" | "non2xx" | "error";

function post(agent: Agent, base: string, body: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      `${base}/api/messages`,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) }, timeout: 10_000 },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          if (res.statusCode !== 200) resolve("non2xx");
          else resolve(hasReplies(text) ? "answered" : "withoutReply");
        });
        res.on("error", () => resolve("error"));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve("error"));
    req.end(body);
  });
}

async function untilHealthy(base: string, child: ChildProcess): Promise<void> {
  const end = performance.now() + READY_WITHIN_MS;
  while (performance.now() < end) {
    if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode} before answering /healthz`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bot did not answer /healthz within ${READY_WITHIN_MS} ms`);
}

/** The process's resident set now, and its high-water mark where the kernel reports one (Linux), in MB. */
function residentMemory(child: ChildProcess): { rssMb: number; peakMb?: number } {
  const pid = child.pid;
  if (pid === undefined) throw new Error("the bot has no process id");
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    // Not Linux: ps gives the resident size in KB.
    return { rssMb: Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) / 1024 };
  }
}
