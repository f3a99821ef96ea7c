/**
 * The HTTP part of the benchmark: on each host (BOT_SDK), the echo bot then the bot, the same load on
 * each, so that the bot's ratio to the echo bot on the same host is what the conversation pipeline
 * costs over the transport and that SDK.
 *
 * `npm run bench` runs it among the rest; alone, for profiling a change to the pipeline:
 *   npx tsx bench/httpComparison.ts [--sdk botbuilder|agents] [--seconds 10]
 * (it builds the JavaScript as the benchmark does, then prints the figures as JSON).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { BOT_SDKS, readBotSdk, type BotSdk } from "../src/config.js";
import type { HttpSetup } from "./benchReport.js";
import { runLoad, type LoadResult } from "./httpLoad.js";
import { BENCH_MESSAGES } from "./messages.js";
import { startServerProcess, type ServerProcess } from "./serverProcess.js";
import { transpileSources } from "./transpile.js";

/** What npm run bench uses: twenty closed-loop connections, 2 s of warm-up, 10 s measured, per server. */
export const HTTP_SETUP: HttpSetup = { connections: 20, warmupSeconds: 2, durationSeconds: 10, turnsPerConversation: 3, messages: BENCH_MESSAGES.length };

/** The same heap cap as the Dockerfile's NODE_OPTIONS (and the Bicep template's). */
export const DEPLOYED_NODE_OPTIONS = "--max-old-space-size=192";

/** One host's pair of figures. */
export interface HostComparison {
  readonly sdk: BotSdk;
  readonly echo: LoadResult;
  readonly bot: LoadResult;
}

/**
 * For each host in turn: the echo bot and the bot started with that BOT_SDK and `nodeOptions`, then
 * each warmed up and measured for the same time, one after the other (never at once: on two cores
 * the load generator needs one and the server the other).
 */
export async function compareOverHttp(
  setup: HttpSetup,
  nodeOptions: string,
  progress: (text: string) => void = () => {},
  sdks: readonly BotSdk[] = BOT_SDKS,
): Promise<HostComparison[]> {
  const hosts: HostComparison[] = [];
  for (const sdk of sdks) {
    const env = { NODE_OPTIONS: nodeOptions, BOT_SDK: sdk };
    const starting = await Promise.allSettled([startServerProcess("bench/echoServer.ts", { env }), startServerProcess("bench/botServer.ts", { env })]);
    const servers = starting.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    try {
      const [echo, bot] = starting;
      if (echo?.status !== "fulfilled" || bot?.status !== "fulfilled") {
        throw starting.find((s): s is PromiseRejectedResult => s.status === "rejected")?.reason;
      }
      const echoLoad = await measure(setup, `${sdk}-echo`, echo.value);
      progress(`HTTP: echo bot on ${sdk} done`);
      const botLoad = await measure(setup, `${sdk}-bot`, bot.value);
      progress(`HTTP: bot on ${sdk} done`);
      hosts.push({ sdk, echo: echoLoad, bot: botLoad });
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }
  return hosts;
}

async function measure(setup: HttpSetup, runId: string, server: ServerProcess): Promise<LoadResult> {
  const options = { connections: setup.connections, messages: BENCH_MESSAGES, turnsPerConversation: setup.turnsPerConversation };
  await runLoad(server.url, { ...options, durationSeconds: setup.warmupSeconds, runId: `${runId}-warmup` });
  return runLoad(server.url, { ...options, durationSeconds: setup.durationSeconds, runId });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { sdk: { type: "string" }, seconds: { type: "string", default: String(HTTP_SETUP.durationSeconds) } } });
  const sdks = values.sdk === undefined ? BOT_SDKS : [readBotSdk(values.sdk)];
  transpileSources(["src", "dialogs", "bench"]);
  // The bot records questions for staff: into a folder of its own, not data/ (as bench/run.ts does).
  process.env.INTERACTION_LOG_DIR = mkdtempSync(join(tmpdir(), "bench-interactions-"));
  const setup = { ...HTTP_SETUP, durationSeconds: Number(values.seconds) };
  const hosts = await compareOverHttp(setup, DEPLOYED_NODE_OPTIONS, (text) => process.stderr.write(`${text}\n`), sdks).finally(() =>
    rmSync(process.env.INTERACTION_LOG_DIR!, { recursive: true, force: true }),
  );
  for (const { sdk, echo, bot } of hosts) {
    const ratio = { throughput: +(bot.turnsPerSecond / echo.turnsPerSecond).toFixed(2), p99: +(bot.p99Ms / echo.p99Ms).toFixed(2) };
    process.stdout.write(`${JSON.stringify({ sdk, ratio, echo, bot })}\n`);
  }
}
