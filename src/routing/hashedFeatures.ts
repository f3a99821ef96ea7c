import { stemWord } from "../text/stemWord.js";

/**
 * The features a learned classifier sees in a message, as 32-bit hashes: every word, its Italian and
 * English stems, neighbouring stem pairs, and the character 3- to 5-grams of each word with its edges
 * marked. Character n-grams carry over to spellings and inflections never seen in training
 * ("allagato", "allagamento", "alagato" share most of theirs); stems and pairs carry meaning.
 * Linear in the length of the message; no strings are built for n-grams.
 */
export function hashedFeatures(words: readonly string[], stopwords: ReadonlySet<string>): number[] {
  const out: number[] = [];
  let previous: readonly string[] = [];
  for (const word of words) {
    out.push(hashString(word, 0x9e3779b1));
    if (stopwords.has(word)) continue;
    const it = stemWord(word, "it");
    const en = stemWord(word, "en");
    const stems = it === en ? [it] : [it, en];
    for (const s of stems) {
      out.push(hashString(s, 0x85ebca6b));
      for (const p of previous) out.push(hashPair(p, s));
    }
    previous = stems;
    charGrams(word, out);
  }
  return out;
}

const EDGE = 0x20;

/** Character 3-, 4- and 5-grams of " word ", hashed. */
function charGrams(word: string, out: number[]): void {
  const n = word.length + 2;
  const at = (i: number) => (i === 0 || i === n - 1 ? EDGE : word.charCodeAt(i - 1));
  for (let size = 3; size <= 5; size++) {
    for (let start = 0; start + size <= n; start++) {
      let h = 0x811c9dc5 ^ size;
      for (let k = start; k < start + size; k++) h = Math.imul(h ^ at(k), 0x01000193);
      out.push(h >>> 0);
    }
  }
}

function hashString(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashPair(a: string, b: string): number {
  return Math.imul(hashString(a, 0x27d4eb2f) ^ hashString(b, 0x165667b1), 0x01000193) >>> 0;
}
