/**
 * npm run bench: the figures of issues 6 and 14 in one run of about seven minutes on two cores, written to
 * bench/results.md and printed. Cold start, memory and HTTP are measured on each host (BOT_SDK).
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
import { BOT_SDKS, loadConfig, type BotSdk } from "../src/config.js";
import { listComuni, loadKnowledge } from "../src/knowledge/loadKnowledge.js";
import { formatBenchReport, type BenchResults } from "./benchReport.js";
import { measureColdStart, type ColdStart, type StartCommand } from "./coldStart.js";
import { DEPLOYED_NODE_OPTIONS, HTTP_SETUP, compareOverHttp } from "./httpComparison.js";
import { measureServerMemory, type ServerMemory } from "./serverMemory.js";
import { BENCH_MESSAGES } from "./messages.js";
import { longMessagesSection } from "./longMessages.js";
import { redactionCostSection } from "./redactionCost.js";
import { ROUTER_SIZES, measureRouterCost, type RouterCost } from "./routerCost.js";
import { BENCH_BUILD_DIR, built, transpileSources } from "./transpile.js";
import { firstScreenSection } from "./webChatFirstScreen.js";

const RESULTS_FILE = resolve("bench/results.md");
const CONVERSATIONS = 100_000;
const COLD_START_RUNS = 3;
/** The hosts whose memory is measured: each run takes up to four minutes. */
const MEMORY_SDKS: readonly BotSdk[] = BOT_SDKS;
/** What npm run start:prod, the Docker image and the App Service start command run: node on the compiled entry, on a host. */
const productionStart = (sdk: BotSdk): StartCommand => ({ label: "node dist/src/index.js", command: process.execPath, args: [built("src/index.ts")], env: { BOT_SDK: sdk, NODE_OPTIONS: DEPLOYED_NODE_OPTIONS } });

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
  const coldStarts: ColdStart[] = [];
  for (const sdk of BOT_SDKS) coldStarts.push(await measureColdStart(productionStart(sdk), BENCH_MESSAGES[1]!, COLD_START_RUNS));
  progress("cold starts done");

  const router: RouterCost[] = [];
  for (const size of ROUTER_SIZES) {
    router.push(measureRouterCost(knowledge, size.entries, size.iterations, BENCH_MESSAGES));
    progress(`router: ${size.entries} entries done`);
  }
  const memory: ServerMemory[] = [];
  for (const sdk of MEMORY_SDKS) {
    progress(`memory: ${CONVERSATIONS.toLocaleString("en-US")} conversations over HTTP to node dist/src/index.js on ${sdk}`);
    memory.push(await measureServerMemory({ conversations: CONVERSATIONS, nodeOptions: DEPLOYED_NODE_OPTIONS, sdk, connections: 8, maxSeconds: 240, messages: BENCH_MESSAGES }));
  }
  progress("memory done; HTTP: on each host, echo bot, then the bot");
  const http = { setup: HTTP_SETUP, hosts: await compareOverHttp(HTTP_SETUP, DEPLOYED_NODE_OPTIONS, progress) };
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
