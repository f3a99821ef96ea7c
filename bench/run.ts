/**
 * npm run bench: the figures of issue 6 in one run of about four minutes on two cores, written to
 * bench/results.md and printed.
 *
 * Production runs compiled JavaScript with plain node, so the benchmark first turns the sources into
 * JavaScript (transpile.ts, a second) and runs that. Then each part runs alone, one after the other,
 * because each would disturb another: a cold start uses both cores, a router p99 of microseconds shows
 * every preemption, the memory run keeps both cores busy for two minutes or more, and the HTTP comparison
 * needs a core for the server and one for the load generator.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../src/config.js";
import { listComuni, loadKnowledge } from "../src/knowledge/loadKnowledge.js";
import { formatBenchReport, type BenchResults, type HttpSetup } from "./benchReport.js";
import { measureColdStart, type ColdStart, type StartCommand } from "./coldStart.js";
import { measureServerMemory } from "./serverMemory.js";
import { runLoad, type LoadResult } from "./httpLoad.js";
import { BENCH_MESSAGES } from "./messages.js";
import { longMessagesSection } from "./longMessages.js";
import { redactionCostSection } from "./redactionCost.js";
import { ROUTER_SIZES, measureRouterCost, type RouterCost } from "./routerCost.js";
import { startServerProcess, type ServerProcess } from "./serverProcess.js";
import { BENCH_BUILD_DIR, built, transpileSources } from "./transpile.js";
import { firstScreenSection } from "./webChatFirstScreen.js";

const RESULTS_FILE = resolve("bench/results.md");
const HTTP: HttpSetup = { connections: 20, warmupSeconds: 2, durationSeconds: 10, turnsPerConversation: 3, messages: BENCH_MESSAGES.length };
const CONVERSATIONS = 100_000;
const COLD_START_RUNS = 3;
/** The same heap cap as the Dockerfile's NODE_OPTIONS (and the Bicep template's). */
const DEPLOYED_NODE_OPTIONS = "--max-old-space-size=192";
/** What npm run start:prod, the Docker image and the App Service start command run: node on the compiled entry. */
const PRODUCTION_START: StartCommand = { label: "node dist/src/index.js", command: process.execPath, args: [built("src/index.ts")] };

const progress = (text: string) => process.stderr.write(`[bench ${Math.round(performance.now() / 1000)} s] ${text}\n`);

async function main(): Promise<void> {
  const began = performance.now();
  const loadAverageAtStart = loadavg();
  // The bots under test record questions for staff: into a folder of their own, not data/.
  const interactionLogDir = mkdtempSync(join(tmpdir(), "bench-interactions-"));
  process.env.INTERACTION_LOG_DIR = interactionLogDir;
  try {
    const results = await measureAll(loadAverageAtStart);
    const report = formatBenchReport({ ...results, wallSeconds: (performance.now() - began) / 1000 }) + (await redactionCostSection()) + (await longMessagesSection()) + (await firstScreenSection());
    writeFileSync(RESULTS_FILE, report);
    process.stdout.write(report);
  } finally {
    rmSync(interactionLogDir, { recursive: true, force: true });
  }
}

async function measureAll(loadAverageAtStart: number[]): Promise<Omit<BenchResults, "wallSeconds">> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: "silent" }, listComuni);
  const knowledge = loadKnowledge(config.knowledgeDir, config.comune);

  const files = transpileSources(["src", "dialogs", "bench"]);
  progress(`${files} files turned into JavaScript in ${BENCH_BUILD_DIR}/`);
  const coldStarts: ColdStart[] = [await measureColdStart(PRODUCTION_START, BENCH_MESSAGES[1]!, COLD_START_RUNS)];
  progress("cold starts done");

  const router: RouterCost[] = [];
  for (const size of ROUTER_SIZES) {
    router.push(measureRouterCost(knowledge, size.entries, size.iterations, BENCH_MESSAGES));
    progress(`router: ${size.entries} entries done`);
  }
  progress(`memory: ${CONVERSATIONS.toLocaleString("en-US")} conversations over HTTP to node dist/src/index.js`);
  const memory = await measureServerMemory({ conversations: CONVERSATIONS, nodeOptions: DEPLOYED_NODE_OPTIONS, connections: 8, maxSeconds: 240, messages: BENCH_MESSAGES });
  progress("memory done; HTTP: echo bot, then the bot");
  const http = await compareOverHttp();
  return result(loadAverageAtStart, config.comune, knowledge.version, { http, router, coldStarts, memory });
}

function result(
  loadAverageAtStart: number[],
  comune: string,
  knowledgeVersion: string,
  figures: Pick<BenchResults, "http" | "router" | "coldStarts" | "memory">,
): Omit<BenchResults, "wallSeconds"> {
  return {
    machine: {
      date: new Date().toISOString(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? "unknown CPU",
      memoryGb: totalmem() / 1024 ** 3,
      node: process.version,
      loadAverageAtStart,
    },
    comune,
    knowledgeVersion,
    ...figures,
  };
}

/** Both servers up, then each warmed up and measured for the same time, one after the other. */
async function compareOverHttp(): Promise<BenchResults["http"]> {
  const env = { NODE_OPTIONS: DEPLOYED_NODE_OPTIONS };
  const starting = await Promise.allSettled([startServerProcess("bench/echoServer.ts", { env }), startServerProcess("bench/botServer.ts", { env })]);
  const servers = starting.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  try {
    const [echo, bot] = starting;
    if (echo?.status !== "fulfilled" || bot?.status !== "fulfilled") {
      throw starting.find((s): s is PromiseRejectedResult => s.status === "rejected")?.reason;
    }
    return { setup: HTTP, echo: await measure("echo", echo.value), bot: await measure("bot", bot.value) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function measure(name: string, server: ServerProcess): Promise<LoadResult> {
  const options = { connections: HTTP.connections, messages: BENCH_MESSAGES, turnsPerConversation: HTTP.turnsPerConversation };
  await runLoad(server.url, { ...options, durationSeconds: HTTP.warmupSeconds, runId: `${name}-warmup` });
  const result = await runLoad(server.url, { ...options, durationSeconds: HTTP.durationSeconds, runId: name });
  progress(`HTTP: ${name} done`);
  return result;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
