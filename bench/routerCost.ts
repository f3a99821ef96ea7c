import type { Knowledge } from "../src/knowledge/loadKnowledge.js";
import { Router } from "../src/routing/router.js";
import type { BenchMessage } from "./messages.js";
import { summarize, type TimingSummary } from "./percentiles.js";
import { seededRandom } from "./seededRandom.js";
import { inventedWords, knowledgeWords, syntheticEntries } from "./syntheticEntries.js";

export interface RouterCost {
  readonly entries: number;
  readonly synthetic: number;
  readonly buildMs: number;
  /** first pass over the messages on a fresh router: typo corrections not cached yet */
  readonly firstPassMeanUs: number;
  /** after warm-up, microseconds per routed message */
  readonly perMessageUs: TimingSummary;
}

/** Invented words added to the real vocabulary, so that a large knowledge has words of its own. */
const INVENTED_WORDS = 4_000;

/**
 * Times the real Router on the real knowledge topped up with synthetic entries to `size` entries:
 * build time, a cold first pass, then `iterations` routed messages after a warm-up.
 */
export function measureRouterCost(knowledge: Knowledge, size: number, iterations: number, messages: readonly BenchMessage[]): RouterCost {
  const pool = [...knowledgeWords(knowledge.entries), ...inventedWords(INVENTED_WORDS, seededRandom(1))];
  const synthetic = Math.max(0, size - knowledge.entries.length);
  const entries = [...knowledge.entries, ...syntheticEntries(synthetic, { pool })];

  const buildStart = process.hrtime.bigint();
  const router = new Router(entries, knowledge.lexicon);
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
