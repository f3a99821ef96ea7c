import { runIfMain } from "./runCli.js";
import { availableParallelism, tmpdir } from "node:os";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PERTURB_OPTIONS, DEV_SET, perturbSet, readJsonl, toJsonl } from "./perturbDevSet.js";
import type { PeerName } from "./peers/peerClassifier.js";
import { BOT_ASK_CMD, PROJECT_ROOT, scoreSummary, shellQuote, type ScoreSummary } from "./peers/runScorer.js";

/**
 * npm run eval:peers -- [--seed 7] [--check]
 *
 * Scores the bot and the libraries a developer would otherwise pick (NLP.js, MiniSearch, Fuse.js),
 * each trained on the same knowledge entries and answering through the bot's own composer, with the
 * same scorer on the dev set and its perturbed copy. Prints one markdown table and writes it to
 * bench/peers.md. `--check` exits 1 unless the bot leads every peer on topic accuracy and is level
 * with the best on safety recall, on both sets.
 */

export interface Contender {
  readonly name: string;
  readonly askCmd: string;
}

/** The ask command that answers with one peer, speaking the bot's JSONL protocol. */
export function peerAskCommand(peer: PeerName): string {
  return `${shellQuote(process.execPath)} --import tsx scripts/peerAsk.ts --peer ${peer} --jsonl`;
}

export const CONTENDERS: readonly Contender[] = Object.freeze([
  { name: "bot", askCmd: process.env.ASK_CMD ?? BOT_ASK_CMD },
  { name: "NLP.js", askCmd: peerAskCommand("nlpjs") },
  { name: "MiniSearch", askCmd: peerAskCommand("minisearch") },
  { name: "Fuse.js", askCmd: peerAskCommand("fuse") },
]);

export interface ContenderScores {
  readonly name: string;
  readonly dev: ScoreSummary;
  readonly perturbed: ScoreSummary;
}

/** The comparison as one markdown table. */
export function peersTable(rows: readonly ContenderScores[]): string {
  const header = "| system | dev topic % | dev safety % | dev facts % | dev leaks | perturbed topic % | perturbed safety % |";
  const rule = "|---|---:|---:|---:|---:|---:|---:|";
  const lines = rows.map(
    (r) =>
      `| ${r.name} | ${r.dev.topic_accuracy} | ${r.dev.safety_recall} | ${r.dev.facts} | ${r.dev.leaks} | ` +
      `${r.perturbed.topic_accuracy} | ${r.perturbed.safety_recall} |`,
  );
  return [header, rule, ...lines].join("\n");
}

/** Whether the first row leads every other on topic accuracy and matches the best safety recall, on both sets. */
export function botLeads(rows: readonly ContenderScores[]): boolean {
  const [bot, ...peers] = rows;
  if (!bot) return false;
  return (["dev", "perturbed"] as const).every((set) =>
    peers.every((p) => bot[set].topic_accuracy > p[set].topic_accuracy && bot[set].safety_recall >= p[set].safety_recall),
  );
}

/** Runs tasks with at most `limit` of them at a time, keeping their order in the result. */
async function inBatches<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: "string", default: String(DEFAULT_PERTURB_OPTIONS.seed) },
      set: { type: "string", default: DEV_SET },
      out: { type: "string", default: join(PROJECT_ROOT, "bench", "peers.md") },
      check: { type: "boolean", default: false },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  const devPath = resolve(values.set!);
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), "comune-peers-"));
  try {
    const dev = readJsonl(devPath);
    const perturbedPath = join(work, "perturbed.jsonl");
    writeFileSync(perturbedPath, toJsonl(perturbSet(dev, { seed })));
    // Each run is its own process (the scorer, then the ask command): run a few side by side.
    const tasks = CONTENDERS.flatMap((c) => [devPath, perturbedPath].map((set) => () => scoreSummary(set, c.askCmd)));
    const summaries = await inBatches(tasks, availableParallelism());
    const rows = CONTENDERS.map((c, i) => ({ name: c.name, dev: summaries[2 * i]!, perturbed: summaries[2 * i + 1]! }));
    const table = peersTable(rows);
    const leads = botLeads(rows);
    console.log(table);
    console.log(`\n${dev.length} items; perturbed with seed ${seed}; ${leads ? "the bot leads every peer" : "the bot does NOT lead every peer"} (${((Date.now() - started) / 1000).toFixed(0)}s)`);
    const note =
      `# Routing against off-the-shelf libraries\n\n` +
      `\`npm run eval:peers\`: ${dev.length} items of \`../shared/eval/dev.jsonl\` and its perturbed copy (seed ${seed}), ` +
      `scored by \`../shared/eval/score.mjs\`. Every peer is trained on the same entries' examples and keywords and ` +
      `answers through the bot's own composer, so only routing differs.\n\n${table}\n`;
    mkdirSync(dirname(values.out!), { recursive: true });
    writeFileSync(values.out!, note);
    return values.check && !leads ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, main);
