import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_TEXTS } from "../../src/privacy/placeholders.js";
import { redactPersonalData } from "../../src/privacy/redactPersonalData.js";
import { normalizeText } from "../../src/text/normalizeText.js";

interface Range {
  readonly start: number;
  readonly end: number;
}

interface LabelledMessage {
  readonly text: string;
  /** the personal data marked {{…}} in the file */
  readonly personal: readonly Range[];
}

const CORPUS = resolve(import.meta.dirname, "citizenMessages.txt");
const MAX_OVER_REDACTED = 0.02;

/** The messages of the corpus, markers taken out and remembered as ranges. */
function readCorpus(): LabelledMessage[] {
  const lines = readFileSync(CORPUS, "utf8").split("\n").filter((line) => !line.startsWith("#"));
  return lines
    .join("\n")
    .split(/^---$/m)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => {
      let text = "";
      const personal: Range[] = [];
      for (const [i, part] of block.split(/\{\{|\}\}/).entries()) {
        if (i % 2 === 1) personal.push({ start: text.length, end: text.length + part.length });
        text += part;
      }
      return { text, personal };
    });
}

/**
 * The ranges of `input` that became placeholders in `output`. The redactor returns the normalised
 * text with placeholders in place of what it removed, so the two strings agree outside those places;
 * the text after each placeholder says where the input resumes.
 */
function redactedRanges(input: string, output: string): Range[] {
  const ranges: Range[] = [];
  let i = 0;
  let o = 0;
  while (o < output.length) {
    const placeholder = PLACEHOLDER_TEXTS.find((p) => output.startsWith(p, o) && !input.startsWith(p, i));
    if (placeholder === undefined) {
      if (output[o] !== input[i]) throw new Error(`output departs from input at ${i}: ${JSON.stringify(output.slice(o, o + 20))}`);
      i++;
      o++;
      continue;
    }
    o += placeholder.length;
    const next = Math.min(...PLACEHOLDER_TEXTS.map((p) => output.indexOf(p, o)).filter((at) => at !== -1), output.length);
    const anchor = output.slice(o, next);
    if (anchor === "" && next < output.length) throw new Error("two placeholders side by side: cannot tell where each begins");
    const resume = anchor === "" ? input.length : input.indexOf(anchor, i + 1);
    if (resume === -1) throw new Error(`cannot find ${JSON.stringify(anchor)} after ${i}`);
    ranges.push({ start: i, end: resume });
    i = resume;
  }
  return ranges;
}

const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

function wordsOf(text: string): Range[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

describe("redaction on a labelled corpus of citizen messages", () => {
  const corpus = readCorpus();
  const results = corpus.map((message) => ({ message, redacted: redactedRanges(message.text, redactPersonalData(message.text)) }));

  it("is written in normalised text, with hundreds of name-free words", () => {
    for (const { text } of corpus) expect(normalizeText(text)).toBe(text);
    const nameFree = corpus.flatMap((m) => wordsOf(m.text).filter((w) => !m.personal.some((p) => overlaps(w, p))));
    expect(nameFree.length).toBeGreaterThan(500);
  });

  it("removes every piece of personal data it marks", () => {
    const left = results.flatMap(({ message, redacted }) =>
      message.personal
        .flatMap((p) => wordsOf(message.text.slice(p.start, p.end)).map((w) => ({ start: p.start + w.start, end: p.start + w.end })))
        .filter((w) => !redacted.some((r) => r.start <= w.start && w.end <= r.end))
        .map((w) => `${message.text.slice(w.start, w.end)} in ${JSON.stringify(message.text)}`),
    );
    expect(left).toEqual([]);
  });

  it(`redacts at most ${MAX_OVER_REDACTED * 100}% of the name-free words`, () => {
    let total = 0;
    const over: string[] = [];
    for (const { message, redacted } of results) {
      for (const word of wordsOf(message.text)) {
        if (message.personal.some((p) => overlaps(word, p))) continue;
        total++;
        if (redacted.some((r) => overlaps(word, r))) over.push(message.text.slice(word.start, word.end));
      }
    }
    const share = over.length / total;
    console.info(
      `over-redaction: ${over.length} of ${total} name-free words (${(share * 100).toFixed(2)}%)${over.length > 0 ? `: ${over.join(", ")}` : ""}`,
    );
    expect(share).toBeLessThanOrEqual(MAX_OVER_REDACTED);
  });
});
