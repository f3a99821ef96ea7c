import type { Entry } from "../src/knowledge/schema.js";
import { TOPICS, isSafetyTopic, type Topic } from "../src/knowledge/topics.js";
import { foldText, splitWords } from "../src/text/foldText.js";
import { seededRandom, type SeededRandom } from "./seededRandom.js";

const ONSETS = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "pr", "tr", "st", "sc", "gr", "ch", "gl", "sp"];
const VOWELS = ["a", "e", "i", "o", "u", "ia", "io"];
const ENDINGS = ["are", "ato", "ione", "mento", "ita", "ale", "ivo", "ezza", "ista", "enza", "o", "a", "i", "e"];
const GLUE_IT = ["il", "la", "per", "di", "del", "come", "posso", "dove", "quando", "non", "un", "una", "mio", "vorrei"];
const GLUE_EN = ["the", "for", "how", "can", "where", "my", "a", "to", "when", "do"];

/** Topics a synthetic entry may carry: never a safety topic, whose entries must carry signals. */
const PLAIN_TOPICS: readonly Topic[] = TOPICS.filter((t) => !isSafetyTopic(t) && t !== "fallback");

/** Italian-looking made-up words ("brionamento", "scuvale"), distinct, in a seeded order. */
export function inventedWords(count: number, random: SeededRandom): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    let word = "";
    for (let s = random.int(1, 3); s > 0; s--) word += random.pick(ONSETS) + random.pick(VOWELS);
    words.add(word + random.pick(ENDINGS));
  }
  return [...words];
}

/** Content words of real entries (folded, four letters or more), so synthetic entries compete with real ones. */
export function knowledgeWords(entries: readonly Entry[]): string[] {
  const words = new Set<string>();
  for (const entry of entries) {
    for (const phrase of [...entry.keywords.it, ...entry.keywords.en, ...entry.examples.it, ...entry.examples.en]) {
      for (const word of splitWords(foldText(phrase))) if (word.length >= 4) words.add(word);
    }
  }
  return [...words].sort();
}

export interface SyntheticOptions {
  readonly seed?: number;
  /** words the entries are made of; skewed draws make a few of them common, as in real text */
  readonly pool: readonly string[];
}

/**
 * `count` synthetic entries with distinct ids, keywords and examples drawn from the pool, in the
 * knowledge's own shape. Deterministic: the same count, pool and seed give the same entries.
 */
export function syntheticEntries(count: number, options: SyntheticOptions): Entry[] {
  const random = seededRandom(options.seed ?? 6);
  if (options.pool.length === 0) throw new Error("the word pool is empty");
  // Shuffled first, so that which words come out frequent does not depend on the pool's order; then
  // u² skews draws towards the start: a Zipf-like mix of frequent and rare words.
  const pool = shuffled(options.pool, random);
  const word = () => pool[Math.floor(random.next() ** 2 * pool.length)]!;
  const phrase = (min: number, max: number) => Array.from({ length: random.int(min, max) }, word).join(" ");
  const sentence = (glue: readonly string[]) =>
    Array.from({ length: random.int(4, 10) }, () => (random.next() < 0.35 ? random.pick(glue) : word())).join(" ");
  const many = <T>(min: number, max: number, make: () => T) => Array.from({ length: random.int(min, max) }, make);

  return Array.from({ length: count }, (_, index): Entry => {
    const id = `synthetic-${String(index + 1).padStart(5, "0")}`;
    return {
      id,
      topic: random.pick(PLAIN_TOPICS),
      keywords: { it: many(8, 16, () => phrase(1, 2)), en: many(4, 8, () => phrase(1, 2)) },
      examples: { it: many(6, 12, () => sentence(GLUE_IT)), en: many(2, 5, () => sentence(GLUE_EN)) },
      answer: { it: `[${id}]`, en: `[${id}]` },
      actions: [],
    };
  });
}

/** A seeded Fisher-Yates shuffle of a copy. */
function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
