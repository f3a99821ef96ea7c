import { describe, expect, it } from "vitest";
import { redactPersonalData } from "../../src/privacy/redactPersonalData.js";
import { foldText } from "../../src/text/foldText.js";
import { normalizeText } from "../../src/text/normalizeText.js";

const LENGTH = 200_000;
/** Far above the linear cost (well under a second here), far below catastrophic backtracking (minutes). */
const CATASTROPHIC_MS = 5_000;

const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

/** Hostile inputs: the shapes that made the old regular expressions backtrack, and their mixes. */
const SHAPES: ReadonlyArray<readonly [string, string]> = [
  ["letters", fill("a")],
  ["digits", fill("1")],
  ["1 1 1 …", fill("1 ")],
  ["0 0 0 …", fill("0 ")],
  ["e-mails", fill("mario.rossi@gmail.com ")],
  ["names with numbers", fill("Mario Rossi 3331234567 ")],
  ["a run of @", fill("@")],
  ["a run of dots", fill(".")],
  ["@ and dots", fill("@.")],
  ["words and dots", fill("a.b.c@")],
  ["hyphens", fill("a-")],
  ["capitalised words", fill("Xiaoming Li ")],
  ["street words", fill("via ")],
  ["codes in pieces", fill("RSS MRA 80 ")],
  ["brackets", fill("[nome")],
  ["mixed", fill("Sono Mario Rossi, via Roma 12, RSSMRA80A01C469X IT60 X054 2811 AB 123 CD 4111 1111 1111 1111 (051) 684-3111 a@b.it ")],
  ["invisible characters", fill("ru\u200Bba\u00ADto\u202E ")],
];

function timed(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

describe("every step on citizen text is linear: 200,000 characters of any shape", () => {
  it.each(SHAPES)("redacts %s", (_shape, text) => {
    expect(timed(() => redactPersonalData(text))).toBeLessThan(CATASTROPHIC_MS);
  }, 60_000);

  it.each(SHAPES)("normalises and folds %s", (_shape, text) => {
    expect(timed(() => foldText(normalizeText(text)))).toBeLessThan(CATASTROPHIC_MS);
  }, 60_000);
});
