import { runIfMain, UsageError } from "../src/cli/runCli.js";
import { availableParallelism, tmpdir } from "node:os";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PERTURB_OPTIONS, DEV_SET, perturbSet, readJsonl, toJsonl } from "./perturbDevSet.js";
import type { PeerName } from "./peers/peerClassifier.js";
import { BOT_ASK_CMD, PROJECT_ROOT, scoreSummary, shellQuote, type ScoreSummary } from "./peers/runScorer.js";

/**
 * npm run eval:peers -- [--set FILE] [--seed 7] [--out FILE] [--check]
 *
 * Scores the bot, the libraries a developer would otherwise pick (NLP.js, MiniSearch, Fuse.js) and a
 * plain logistic-regression baseline, each trained on the same knowledge and answering through the
 * bot's own composer, with the same scorer on the dev set and its perturbed copy — or, with --set, on
 * that one labelled file. Prints one markdown table (topic %, safety %, facts %, leaks per set); the
 * dev run writes it to bench/peers.md, a --set run only to --out. `--check` exits 1 unless the bot
 * leads every peer on topic accuracy and is level with the best on safety recall, on every set.
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
  { name: "logistic regression (baseline)", askCmd: peerAskCommand("logistic") },
]);

/** One contender's scores, by set name ("dev", "perturbed", or a file's name), in the sets' order. */
export interface ContenderScores {
  readonly name: string;
  readonly sets: ReadonlyArray<{ readonly set: string; readonly summary: ScoreSummary }>;
}

/** The comparison as one markdown table: topic, safety, facts and leaks for each set. */
export function peersTable(rows: readonly ContenderScores[]): string {
  const sets = rows[0]?.sets.map((s) => s.set) ?? [];
  const header = `| system | ${sets.map((set) => `${set} topic % | ${set} safety % | ${set} facts % | ${set} leaks`).join(" | ")} |`;
  const rule = `|---|${sets.map(() => "---:|---:|---:|---:|").join("")}`;
  const lines = rows.map(
    (r) => `| ${r.name} | ${r.sets.map(({ summary: s }) => `${s.topic_accuracy} | ${s.safety_recall} | ${s.facts} | ${s.leaks}`).join(" | ")} |`,
  );
  return [header, rule, ...lines].join("\n");
}

/** Whether the first row leads every other on topic accuracy and matches the best safety recall, on every set. */
export function botLeads(rows: readonly ContenderScores[]): boolean {
  const [bot, ...peers] = rows;
  if (!bot) return false;
  return bot.sets.every(({ summary: mine }, i) =>
    peers.every((p) => {
      const theirs = p.sets[i]!.summary;
      return mine.topic_accuracy > theirs.topic_accuracy && mine.safety_recall >= theirs.safety_recall;
    }),
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
      set: { type: "string" },
      out: { type: "string" },
      check: { type: "boolean", default: false },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), "comune-peers-"));
  try {
    const sets: Array<{ set: string; path: string }> = [];
    let described: string;
    let items: number;
    if (values.set === undefined) {
      const dev = readJsonl(DEV_SET);
      const perturbedPath = join(work, "perturbed.jsonl");
      writeFileSync(perturbedPath, toJsonl(perturbSet(dev, { seed })));
      sets.push({ set: "dev", path: DEV_SET }, { set: "perturbed", path: perturbedPath });
      items = dev.length;
      described = `${items} items of \`../shared/eval/dev.jsonl\` and its perturbed copy (seed ${seed})`;
    } else {
      const path = resolve(values.set);
      items = readJsonl(path).length;
      sets.push({ set: basename(path, ".jsonl"), path });
      const shown = relative(PROJECT_ROOT, path);
      described = `${items} items of \`${shown.startsWith("..") ? path : shown}\``;
    }
    // Each run is its own process (the scorer, then the ask command): run a few side by side.
    const tasks = CONTENDERS.flatMap((c) => sets.map(({ path }) => () => scoreSummary(path, c.askCmd)));
    const summaries = await inBatches(tasks, availableParallelism());
    const rows = CONTENDERS.map((c, i) => ({ name: c.name, sets: sets.map(({ set }, k) => ({ set, summary: summaries[sets.length * i + k]! })) }));
    const table = peersTable(rows);
    const leads = botLeads(rows);
    console.log(table);
    console.log(`\n${described}; ${leads ? "the bot leads every peer" : "the bot does NOT lead every peer"} (${((Date.now() - started) / 1000).toFixed(0)}s)`);
    const out = values.out ?? (values.set === undefined ? join(PROJECT_ROOT, "bench", "peers.md") : undefined);
    if (out) {
      const note =
        `# Routing against off-the-shelf libraries\n\n` +
        `\`npm run eval:peers\`: ${described}, scored by \`../shared/eval/score.mjs\`. Every peer is trained on the same ` +
        `entries' examples and keywords (the shared corpus merged in, as the bot loads them; the logistic-regression baseline ` +
        `on both comuni's pooled) and answers through the bot's own composer, so only routing differs.\n\n${table}\n`;
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, note);
    }
    return values.check && !leads ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, main);
