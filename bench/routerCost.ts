import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { listComuni, loadKnowledge, type Knowledge } from "../src/knowledge/loadKnowledge.js";
import { Router } from "../src/routing/router.js";
import { formatRouterCost } from "./benchReport.js";
import { BENCH_MESSAGES, type BenchMessage } from "./messages.js";
import { summarize, type TimingSummary } from "./percentiles.js";
import { seededRandom } from "./seededRandom.js";
import { inventedWords, knowledgeWords, syntheticEntries } from "./syntheticEntries.js";

export interface RouterCost {
  readonly entries: number;
  readonly synthetic: number;
  /** constructing the Router: indexing the entries, compiling signals and concepts, training the topic model */
  readonly buildMs: number;
  /** first pass over the messages on a fresh router: typo corrections not cached yet */
  readonly firstPassMeanUs: number;
  /** after warm-up, microseconds per routed message */
  readonly perMessageUs: TimingSummary;
}

/**
 * The knowledge sizes the benchmark routes with, and how many messages each times. The largest is
 * 3,000 entries, not 10,000: building a router trains its topic model on every example and keyword,
 * and at 10,000 entries (about 300,000 training phrases) that took 76 s and 1.2 GB on the 2-core
 * benchmark machine — over a third of the whole benchmark's three minutes. Measure it alone with
 * `npx tsx bench/routerCost.ts --entries 10000`.
 */
export const ROUTER_SIZES: ReadonlyArray<{ readonly entries: number; readonly iterations: number }> = Object.freeze([
  { entries: 100, iterations: 10_000 },
  { entries: 1_000, iterations: 5_000 },
  { entries: 3_000, iterations: 1_000 },
]);

/** Invented words added to the real vocabulary, so that a large knowledge has words of its own. */
const INVENTED_WORDS = 4_000;

/**
 * Times the real Router, built as the bot builds it (entries, lexicon and the emergency concepts), on
 * the real knowledge topped up with synthetic entries to `size` entries: the build, a cold first
 * pass, then `iterations` routed messages after a warm-up. Each size has entries of its own, so no
 * model trained earlier in the process is reused and the build always includes the training.
 */
export function measureRouterCost(knowledge: Knowledge, size: number, iterations: number, messages: readonly BenchMessage[]): RouterCost {
  const pool = [...knowledgeWords(knowledge.entries), ...inventedWords(INVENTED_WORDS, seededRandom(1))];
  const synthetic = Math.max(0, size - knowledge.entries.length);
  const entries = [...knowledge.entries, ...syntheticEntries(synthetic, { pool })];

  const buildStart = process.hrtime.bigint();
  const router = new Router(entries, knowledge.lexicon, { emergency: knowledge.emergency });
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;

  const firstPass = messages.map((m) => timeUs(() => router.route(m.text)));
  for (let pass = 0; pass < 3; pass++) for (const m of messages) router.route(m.text);

  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const text = messages[i % messages.length]!.text;
    times[i] = timeUs(() => router.route(text));
  }
  return {
    entries: entries.length,
    synthetic,
    buildMs,
    firstPassMeanUs: firstPass.reduce((a, b) => a + b, 0) / firstPass.length,
    perMessageUs: summarize(times),
  };
}

function timeUs(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e3;
}

/**
 * npx tsx bench/routerCost.ts [--entries 100,1000,3000] [--iterations N]: the router part of the
 * benchmark alone, printed as the "Router alone" table of bench/results.md (which it does not write).
 */
function main(): void {
  const { values } = parseArgs({ options: { entries: { type: "string" }, iterations: { type: "string" } } });
  const sizes = values.entries
    ? values.entries.split(",").map((text) => {
        const entries = Number(text.replace(/_/g, ""));
        if (!(Number.isInteger(entries) && entries > 0)) throw new Error(`--entries takes counts separated by commas, got "${text}"`);
        return { entries, iterations: ROUTER_SIZES.find((s) => s.entries === entries)?.iterations ?? 1_000 };
      })
    : ROUTER_SIZES;
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  if (iterations !== undefined && !(Number.isInteger(iterations) && iterations > 0)) throw new Error(`--iterations must be a count, got "${values.iterations}"`);
  const config = loadConfig({ ...process.env, LOG_LEVEL: "silent" }, listComuni);
  const knowledge = loadKnowledge(config.knowledgeDir, config.comune);
  const costs: RouterCost[] = [];
  for (const size of sizes) {
    costs.push(measureRouterCost(knowledge, size.entries, iterations ?? size.iterations, BENCH_MESSAGES));
    process.stderr.write(`[router] ${size.entries} entries done\n`);
  }
  process.stdout.write(`${formatRouterCost(costs).join("\n")}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
