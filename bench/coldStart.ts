import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { benchActivity, hasReplies } from "./benchActivity.js";
import { killOnExit } from "./childProcesses.js";
import type { BenchMessage } from "./messages.js";
import { median } from "./percentiles.js";

/** One way of starting the bot: the command line, its own environment (BOT_SDK) and a label for the report. */
export interface StartCommand {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  /** added to the benchmark's environment */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ColdStart {
  readonly label: string;
  /** BOT_SDK of the runs, when the command sets it */
  readonly sdk?: string;
  readonly runsMs: readonly number[];
  readonly medianMs: number;
}

const POLL_EVERY_MS = 10;
const GIVE_UP_AFTER_MS = 30_000;

/**
 * Milliseconds from spawning the bot to the first POST /api/messages answered with a reply,
 * `runs` times, each on a fresh process and a free port.
 */
export async function measureColdStart(start: StartCommand, message: BenchMessage, runs: number): Promise<ColdStart> {
  const runsMs: number[] = [];
  for (let run = 0; run < runs; run++) runsMs.push(await coldStartOnce(start, message, run));
  return { label: start.label, ...(start.env?.BOT_SDK ? { sdk: start.env.BOT_SDK } : {}), runsMs, medianMs: median(runsMs) };
}

async function coldStartOnce(start: StartCommand, message: BenchMessage, run: number): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/api/messages`;
  const body = JSON.stringify(benchActivity(message, `cold-${run}-${port}`, 1));
  const began = performance.now();
  // Its own process group, so that the bot and anything it starts go at the end (the tsx CLI, for one, starts a child).
  const child = spawn(start.command, [...start.args], {
    env: { ...process.env, ...start.env, LOG_LEVEL: "silent", PORT: String(port) },
    stdio: "ignore",
    detached: true,
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  const forget = killOnExit(() => signalGroup(child.pid, "SIGKILL"));
  try {
    while (performance.now() - began < GIVE_UP_AFTER_MS) {
      if (exited) throw new Error(`${start.label} exited before answering`);
      const answered = await tryOnce(url, body);
      if (answered) return performance.now() - began;
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
    throw new Error(`${start.label} did not answer within ${GIVE_UP_AFTER_MS} ms`);
  } finally {
    await endGroup(child.pid, () => exited);
    forget();
  }
}

async function tryOnce(url: string, body: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(5_000) });
    return response.status === 200 && hasReplies(await response.text());
  } catch {
    return false; // not listening yet
  }
}

/** SIGTERM to the process group this benchmark created, SIGKILL if it lingers. */
async function endGroup(pid: number | undefined, exited: () => boolean): Promise<void> {
  signalGroup(pid, "SIGTERM");
  for (let waited = 0; waited < 5_000 && !exited(); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  signalGroup(pid, "SIGKILL");
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
