import { runIfMain } from "./runCli.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { TOPICS } from "../src/knowledge/topics.js";
import { DEFAULT_PERTURB_OPTIONS, DEV_SET, perturbSet, readJsonl, toJsonl, type LabelledItem } from "./perturbDevSet.js";
import { BOT_ASK_CMD, runAskCommand, runScorer, scoreSummary, shellQuote, type AskOutput, type ScoreSummary } from "./peers/runScorer.js";

/**
 * npm run eval -- [--misses N] [--seed 7] [--check]
 *
 * Scores the bot (or whatever ASK_CMD names) on ../shared/eval/dev.jsonl and on a perturbed copy of
 * it, through ../shared/eval/score.mjs, and prints a per-topic confusion table for each set. The ask
 * command runs once per set; the scorer reads that same run back, so the figures and the table always
 * describe the same answers. `--check` exits 1 when a bar of issue 7 is not met.
 */

/** The bars of issue 7, "Done when". */
export const BARS = Object.freeze({
  dev: { topic_accuracy: 97, safety_recall: 100, facts: 98, leaks: 0, language: 98 },
  perturbed: { topic_accuracy: 93, safety_recall: 100 },
});

type Figure = "topic_accuracy" | "safety_recall" | "facts" | "leaks" | "language";
const FIGURE_NAMES: Record<Figure, string> = {
  topic_accuracy: "topic",
  safety_recall: "safety recall",
  facts: "facts",
  leaks: "leaks",
  language: "language",
};

/** One row of the confusion table: how one expected topic was answered. */
export interface TopicRow {
  readonly topic: string;
  readonly n: number;
  readonly ok: number;
  /** items of other topics answered with this one */
  readonly taken: number;
  /** wrong predictions for this topic, most frequent first */
  readonly wrong: ReadonlyArray<readonly [string, number]>;
}

/** Expected topic against predicted topic, one row per expected topic, in the order of TOPICS.md. */
export function confusionRows(expected: readonly string[], predicted: readonly string[]): TopicRow[] {
  const rows = new Map<string, { n: number; ok: number; taken: number; wrong: Map<string, number> }>();
  const row = (topic: string) => {
    let found = rows.get(topic);
    if (!found) rows.set(topic, (found = { n: 0, ok: 0, taken: 0, wrong: new Map() }));
    return found;
  };
  expected.forEach((want, i) => {
    const got = predicted[i] ?? "(none)";
    const r = row(want);
    r.n++;
    if (got === want) r.ok++;
    else {
      r.wrong.set(got, (r.wrong.get(got) ?? 0) + 1);
      row(got).taken++;
    }
  });
  const order = (topic: string) => {
    const i = (TOPICS as readonly string[]).indexOf(topic);
    return i < 0 ? TOPICS.length : i;
  };
  return [...rows]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([topic, r]) => ({
      topic,
      n: r.n,
      ok: r.ok,
      taken: r.taken,
      wrong: [...r.wrong].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    }));
}

/** The confusion rows as a fixed-width table a terminal can show. */
export function formatConfusion(rows: readonly TopicRow[], maxWrong = 3): string {
  const width = Math.max(14, ...rows.map((r) => r.topic.length));
  const lines = [`${"expected topic".padEnd(width)}  right   acc  taken  answered instead`];
  for (const r of rows) {
    const accuracy = r.n ? `${Math.round((100 * r.ok) / r.n)}%` : "-";
    const wrong = r.wrong.slice(0, maxWrong).map(([topic, n]) => `${topic} ×${n}`);
    if (r.wrong.length > maxWrong) wrong.push(`+${r.wrong.slice(maxWrong).reduce((s, [, n]) => s + n, 0)} more`);
    lines.push(
      `${r.topic.padEnd(width)}  ${`${r.ok}/${r.n}`.padStart(5)}  ${accuracy.padStart(4)}  ${String(r.taken).padStart(5)}  ${wrong.join(", ")}`.trimEnd(),
    );
  }
  return lines.join("\n");
}

/** Each bar of one set with whether it is met. */
export function checkBars(summary: ScoreSummary, bars: Partial<Record<Figure, number>>): Array<{ figure: Figure; value: number; bar: number; met: boolean }> {
  return (Object.entries(bars) as Array<[Figure, number]>).map(([figure, bar]) => {
    const value = summary[figure];
    return { figure, value, bar, met: figure === "leaks" ? value <= bar : value >= bar };
  });
}

function summaryLine(summary: ScoreSummary): string {
  return (
    `topic ${summary.topic_accuracy}%, safety recall ${summary.safety_recall}%, facts ${summary.facts}%, ` +
    `leaks ${summary.leaks}, language ${summary.language}%`
  );
}

interface SetReport {
  readonly name: "dev" | "perturbed";
  readonly summary: ScoreSummary;
}

async function evaluateSet(
  name: SetReport["name"],
  title: string,
  setPath: string,
  items: readonly LabelledItem[],
  askCmd: string,
  work: string,
  misses: number | undefined,
): Promise<SetReport> {
  const { outputs, stdout, seconds } = await runAskCommand(askCmd, items);
  const answers = join(work, `${name}-answers.jsonl`);
  writeFileSync(answers, stdout);
  const replay = `cat ${shellQuote(answers)}`;
  const summary = await scoreSummary(setPath, replay);
  console.log(`\n## ${title}: ${items.length} items, answered in ${seconds.toFixed(1)}s\n`);
  if (misses !== undefined) {
    const report = await runScorer(setPath, replay, ["--misses", String(misses)]);
    // The scorer's own closing lines repeat the summary printed below: keep only the misses.
    console.log(report.split("\nper topic:")[0]!.trimEnd() + "\n");
  }
  console.log(formatConfusion(confusionRows(items.map((it) => String(it.topic)), outputs.map((o: AskOutput) => o.topic))));
  console.log(`\n${summaryLine(summary)}`);
  return { name, summary };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      misses: { type: "string" },
      seed: { type: "string", default: String(DEFAULT_PERTURB_OPTIONS.seed) },
      set: { type: "string", default: DEV_SET },
      check: { type: "boolean", default: false },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  const misses = values.misses === undefined ? undefined : Number(values.misses);
  if (misses !== undefined && !(Number.isInteger(misses) && misses >= 0)) throw new Error(`--misses must be a count, got "${values.misses}"`);
  const askCmd = process.env.ASK_CMD ?? BOT_ASK_CMD;
  const devPath = resolve(values.set!);
  const dev = readJsonl(devPath);
  const perturbed = perturbSet(dev, { seed });

  const work = mkdtempSync(join(tmpdir(), "comune-eval-"));
  try {
    const perturbedPath = join(work, "perturbed.jsonl");
    writeFileSync(perturbedPath, toJsonl(perturbed));
    console.log(`ask command: ${askCmd}`);
    const reports = [
      await evaluateSet("dev", `dev set (${devPath})`, devPath, dev, askCmd, work, misses),
      await evaluateSet("perturbed", `perturbed dev set (seed ${seed})`, perturbedPath, perturbed, askCmd, work, misses),
    ];
    console.log("\n## bars of issue 7\n");
    let allMet = true;
    for (const { name, summary } of reports) {
      for (const { figure, value, bar, met } of checkBars(summary, BARS[name])) {
        allMet &&= met;
        const relation = figure === "leaks" ? "≤" : "≥";
        console.log(`${met ? "met   " : "MISSED"}  ${name.padEnd(9)} ${FIGURE_NAMES[figure].padEnd(13)} ${String(value).padStart(5)} ${relation} ${bar}`);
      }
    }
    return values.check && !allMet ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, main);
