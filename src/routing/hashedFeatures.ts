const EDGE = 0x20;

/**
 * The top bit of a feature's hash says which block it belongs to: set for words and word pairs,
 * clear for character n-grams. The classifier normalises each block on its own, so that the
 * dozens of n-grams of a message do not drown its few words (as a union of two tf-idf vectors).
 */
export const WORD_BLOCK = 0x80000000;

function hashString(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashPair(a: string, b: string): number {
  return Math.imul(hashString(a, 0x27d4eb2f) ^ hashString(b, 0x165667b1), 0x01000193) >>> 0;
}

/**
 * The features the topic model sees in a message, as 32-bit hashes: every word as written (after
 * folding and chat shorthand; stop words included, since "in caso di" and "mi hanno" carry meaning),
 * every pair of neighbouring words, and the character 2- to 5-grams of each word with its edges
 * marked. Character n-grams carry over to spellings and inflections never seen in training
 * ("allagato", "allagamento", "alagato" share most of theirs). Measured against a view with Italian
 * and English stems instead, this one generalised better to unseen writers (see the README).
 * Linear in the length of the message; no strings are built for n-grams.
 */
export function hashedFeatures(words: readonly string[]): number[] {
  const out: number[] = [];
  let previous: string | undefined;
  for (const word of words) {
    out.push((hashString(word, 0x27220a95) | WORD_BLOCK) >>> 0);
    // >>> 0: an XOR of a 32-bit value is signed, and the model cache keeps hashes unsigned.
    if (previous !== undefined) out.push(((hashPair(previous, word) ^ 0x5bd1e995) | WORD_BLOCK) >>> 0);
    previous = word;
    charGramsFrom(word, out, 2, 0x3c6ef372);
  }
  return out;
}

/**
 * Character n-grams are taken from this many letters of a word at most: no word is longer (the
 * knowledge's longest has about 20), and a 200,000-letter run would otherwise make 800,000 of them.
 */
const LONGEST_GRAMMED_WORD = 64;

function charGramsFrom(whole: string, out: number[], from: number, seed: number): void {
  const word = whole.length > LONGEST_GRAMMED_WORD ? whole.slice(0, LONGEST_GRAMMED_WORD) : whole;
  const n = word.length + 2;
  const at = (i: number) => (i === 0 || i === n - 1 ? EDGE : word.charCodeAt(i - 1));
  for (let size = from; size <= 5; size++) {
    for (let start = 0; start + size <= n; start++) {
      let h = (0x811c9dc5 ^ size ^ seed) >>> 0;
      for (let k = start; k < start + size; k++) h = Math.imul(h ^ at(k), 0x01000193);
      out.push((h & ~WORD_BLOCK) >>> 0);
    }
  }
}
