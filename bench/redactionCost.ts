/**
 * What citizens' text costs the steps that read all of it: the normaliser (normalizeText, foldText)
 * and the redactor (redactPersonalData), on 200,000-character hostile inputs of several shapes, and
 * how late the event loop runs while a hostile mix is redacted among ordinary messages.
 * Part of `npm run bench`; alone: `npx tsx bench/redactionCost.ts`.
 */
import { pathToFileURL } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import { containsPersonalData, redactForLog, redactPersonalData } from "../src/privacy/redactPersonalData.js";
import { foldText } from "../src/text/foldText.js";
import { normalizeText } from "../src/text/normalizeText.js";
import { BENCH_MESSAGES } from "./messages.js";

const LONG = 200_000;
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** The shapes that made the old regular expressions backtrack (seconds for 2,000 characters), and a mix. */
const HOSTILE_UNITS: ReadonlyArray<readonly [string, string]> = [
  ["letters", "a"],
  ["digits", "1"],
  ["1 1 1 …", "1 "],
  ["0 0 0 …", "0 "],
  ["e-mails", "mario.rossi@gmail.com "],
  ["names with numbers", "Mario Rossi 3331234567 "],
  ["@ and dots", "@."],
  ["words and dots", "a.b.c@"],
  ["mixed personal data", "Sono Mario Rossi, via Roma 12, RSSMRA80A01C469X IT60 X054 2811 AB 123 CD 4111 1111 1111 1111 (051) 684-3111 a@b.it "],
];

/** Event-loop runs: how many messages, one in how many hostile, and how long the hostile ones are. */
const LOOP = { messages: 3_000, hostileEvery: 10, hostileLengths: [2_000, 200_000] } as const;
/** What the staff log keeps of a missed question (InteractionLog's default). */
const LOGGED_CHARS = 500;

export interface ShapeCost {
  readonly shape: string;
  readonly normalizeMs: number;
  readonly redactMs: number;
}

export interface LoopDelay {
  readonly label: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly seconds: number;
}

export interface RedactionCost {
  readonly shapes: readonly ShapeCost[];
  readonly loops: readonly LoopDelay[];
  readonly seconds: number;
}

/** Times each step once per shape on 200,000 characters, then the event loop under three mixes. */
export async function measureRedactionCost(): Promise<RedactionCost> {
  const began = performance.now();
  // Warm-up: compile the code paths on small text first, so the timings are of the work.
  for (const [, unit] of HOSTILE_UNITS) redactPersonalData(foldText(fill(unit, 2_000)));
  const shapes = HOSTILE_UNITS.map(([shape, unit]): ShapeCost => {
    const text = fill(unit, LONG);
    return { shape, normalizeMs: timeMs(() => foldText(normalizeText(text))), redactMs: timeMs(() => redactPersonalData(text)) };
  });
  // A first run unmeasured: the loop's own code is compiled and the heap settled before the baseline.
  await loopDelay("warm-up", 0);
  const loops = [await loopDelay("ordinary messages only", 0)];
  for (const length of LOOP.hostileLengths) {
    loops.push(await loopDelay(`1 in ${LOOP.hostileEvery} hostile, ${length.toLocaleString("en-US")} characters`, length));
  }
  return { shapes, loops, seconds: (performance.now() - began) / 1000 };
}

/**
 * Redacts messages one per turn of the event loop, as a server handles one request after another,
 * while monitorEventLoopDelay samples how late a timer fires: the wait every other request sees.
 */
async function loopDelay(label: string, hostileLength: number): Promise<LoopDelay> {
  const hostile = HOSTILE_UNITS.map(([, unit]) => fill(unit, hostileLength));
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const began = performance.now();
  histogram.enable();
  for (let i = 0; i < LOOP.messages; i++) {
    const text = hostileLength > 0 && i % LOOP.hostileEvery === 0 ? hostile[(i / LOOP.hostileEvery) % hostile.length]! : BENCH_MESSAGES[i % BENCH_MESSAGES.length]!.text;
    // What a turn does with the text: the privacy reminder's check, then the staff log's redaction.
    containsPersonalData(text);
    redactForLog(text, LOGGED_CHARS);
    await nextTurn();
  }
  histogram.disable();
  const ms = (ns: number) => ns / 1e6;
  return { label, p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), seconds: (performance.now() - began) / 1000 };
}

function timeMs(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** The section of bench/results.md. */
export function formatRedactionCost(cost: RedactionCost): string {
  const fixed = (n: number, digits = 1) => n.toFixed(digits);
  const baseline = cost.loops[0]!;
  return [
    "",
    "## Citizens' text: normaliser and redactor",
    "",
    `Every step that reads the whole of a message must be linear in its length: a regular expression that backtracks ` +
      `blocks the event loop for everyone (the redactor before this change took seconds on 2,000 characters of "1 1 1 …"). ` +
      `Real time of one call on ${LONG.toLocaleString("en-US")} characters of each shape (bench/redactionCost.ts, after a warm-up on ` +
      `short text); the tests fail only above 5 s (test/privacy/linearTime.test.ts).`,
    "",
    "| shape | normalizeText + foldText ms | redactPersonalData ms |",
    "|---|---|---|",
    ...cost.shapes.map((s) => `| ${s.shape} | ${fixed(s.normalizeMs)} | ${fixed(s.redactMs)} |`),
    "",
    `Event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution) while ${LOOP.messages.toLocaleString("en-US")} messages are ` +
      `checked and redacted one per turn of the loop, as the bot does for each message (the privacy reminder's containsPersonalData ` +
      `and the staff log's redactForLog, both of which read only the first few thousand characters of a message): ordinary ` +
      `messages from bench/messages.ts, then the same with one in ${LOOP.hostileEvery} replaced by a hostile message of the shapes above. ` +
      `The delay is how late any other request's work would start. This part ran after the others and took ${fixed(cost.seconds)} s.`,
    "",
    "| messages | p50 ms | p99 ms | max ms | p99 ÷ ordinary p99 | seconds |",
    "|---|---|---|---|---|---|",
    ...cost.loops.map((l) => `| ${l.label} | ${fixed(l.p50Ms)} | ${fixed(l.p99Ms)} | ${fixed(l.maxMs)} | ${fixed(l.p99Ms / baseline.p99Ms, 2)}× | ${fixed(l.seconds)} |`),
    "",
  ].join("\n");
}

/** The section, measured now: what bench/run.ts appends to its report. */
export async function redactionCostSection(): Promise<string> {
  return formatRedactionCost(await measureRedactionCost());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.stdout.write(await redactionCostSection());
}
