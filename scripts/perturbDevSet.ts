import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runIfMain, UsageError } from "../src/cli/runCli.js";
import { SHARED_EVAL } from "./sharedEval.js";

/**
 * npm exec tsx scripts/perturbDevSet.ts -- [--seed 7] [--in ../shared/eval/dev.jsonl] [--out FILE]
 *
 * Writes a perturbed copy of a labelled JSONL set, the way citizens really type: accents and
 * punctuation removed in every message, one message in four in capitals, and each word of four or
 * more letters, with probability 0.15, losing a letter, swapping two neighbouring letters or
 * doubling one. Only `text` changes; the same seed always gives the same file.
 */

/** One line of a labelled set; every field but `text` is carried over untouched. */
export interface LabelledItem {
  readonly id: string;
  readonly text: string;
  readonly [field: string]: unknown;
}

export interface PerturbOptions {
  readonly seed: number;
  /** chance that a word of MIN_TYPO_LETTERS or more letters gets a typo */
  readonly typoRate: number;
  /** share of messages written in capitals */
  readonly capitalsShare: number;
}

export const DEFAULT_PERTURB_OPTIONS: PerturbOptions = Object.freeze({ seed: 7, typoRate: 0.15, capitalsShare: 0.25 });
export const MIN_TYPO_LETTERS = 4;

/** mulberry32: a tiny seeded generator of floats in [0, 1); good enough for test data, not for secrets. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit FNV-1a hash, so that each item gets its own stream from the seed and its id. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Removes accents ("perché" → "perche") and punctuation. */
export function stripAccentsAndPunctuation(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      // An elided article joins its word, as people type without the apostrophe ("c'è" → "ce").
      .replace(/(\p{L})['’](?=\p{L})/gu, "$1")
      // Other punctuation may be the only thing between two words ("ciao,grazie"): keep them apart.
      .replace(/\p{P}+/gu, " ")
      .replace(/[ \t]{2,}/g, " ")
      .trim()
      .normalize("NFC")
  );
}

type Typo = "drop" | "swap" | "double";
const TYPOS: readonly Typo[] = ["drop", "swap", "double"];

/** One slip of the fingers in a word of at least two letters. */
export function applyTypo(word: string, typo: Typo, random: () => number): string {
  const letters = [...word];
  const at = (n: number) => Math.floor(random() * n);
  switch (typo) {
    case "drop": {
      const i = at(letters.length);
      letters.splice(i, 1);
      break;
    }
    case "double": {
      const i = at(letters.length);
      letters.splice(i, 0, letters[i]!);
      break;
    }
    case "swap": {
      // Swapping two equal letters would change nothing: pick among pairs that differ.
      const pairs = letters.slice(1).flatMap((c, i) => (c !== letters[i] ? [i] : []));
      if (pairs.length === 0) return applyTypo(word, "drop", random);
      const i = pairs[at(pairs.length)]!;
      [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
      break;
    }
  }
  return letters.join("");
}

/** Accents and punctuation out, then typos in words of four or more letters; capitals on request. */
export function perturbMessage(text: string, random: () => number, capitals: boolean, typoRate = DEFAULT_PERTURB_OPTIONS.typoRate): string {
  const plain = stripAccentsAndPunctuation(text);
  const typed = plain.replace(/\p{L}+/gu, (word) => {
    if ([...word].length < MIN_TYPO_LETTERS || random() >= typoRate) return word;
    return applyTypo(word, TYPOS[Math.floor(random() * TYPOS.length)]!, random);
  });
  return capitals ? typed.toUpperCase() : typed;
}

/**
 * The perturbed copy of a set. Each item draws from its own generator (seed and id), so an item's
 * perturbation does not depend on the items before it; exactly round(n × capitalsShare) messages,
 * chosen by the seed, are in capitals.
 */
export function perturbSet<T extends LabelledItem>(items: readonly T[], options: Partial<PerturbOptions> = {}): T[] {
  const { seed, typoRate, capitalsShare } = { ...DEFAULT_PERTURB_OPTIONS, ...options };
  const generators = items.map((item) => mulberry32(hash32(item.id, seed)));
  const draws = generators.map((random) => random());
  const order = items.map((_, i) => i).sort((a, b) => draws[a]! - draws[b]! || a - b);
  const inCapitals = new Set(order.slice(0, Math.round(items.length * capitalsShare)));
  return items.map((item, i) => ({ ...item, text: perturbMessage(item.text, generators[i]!, inCapitals.has(i), typoRate) }));
}

/** Reads a JSONL set: one object per non-empty line. */
export function readJsonl<T = LabelledItem>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export function toJsonl(items: readonly unknown[]): string {
  return items.map((item) => JSON.stringify(item)).join("\n") + "\n";
}

/** The set the figures are measured on. */
export const DEV_SET = join(SHARED_EVAL, "dev.jsonl");

function main(): number {
  const { values } = parseArgs({
    options: {
      seed: { type: "string", default: String(DEFAULT_PERTURB_OPTIONS.seed) },
      in: { type: "string", default: DEV_SET },
      out: { type: "string" },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  const output = toJsonl(perturbSet(readJsonl(values.in!), { seed }));
  if (values.out) writeFileSync(values.out, output);
  else process.stdout.write(output);
  return 0;
}

runIfMain(import.meta.url, main);
