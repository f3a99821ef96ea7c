import Fuse from "fuse.js";
import { detachedCopy } from "../text/detachedCopy.js";

const CACHE_LIMIT = 20_000;

/**
 * Maps a word the knowledge never uses to the closest word it does use ("segnalre" -> "segnalare").
 * Fuse.js only ever searches a handful of candidates that share a trigram with the word and have a
 * similar length, and answers are cached, so a typo costs microseconds and a known word nothing.
 */
export class TypoCorrector {
  private readonly vocabulary: readonly string[];
  /** trigram -> its number; the words with trigram t are words[offsets[t]..offsets[t+1]) (indices into vocabulary) */
  private readonly trigramIds = new Map<string, number>();
  private readonly offsets: Int32Array;
  private readonly words: Int32Array;
  /** the longest known word: a word more than two letters longer has no candidate */
  private readonly longest: number;
  private readonly cache = new Map<string, string | null>();

  constructor(words: Iterable<string>, private readonly threshold = 0.3) {
    this.vocabulary = [...new Set(words)].filter((w) => w.length >= 4 && !/\d/.test(w));
    this.longest = this.vocabulary.reduce((most, w) => Math.max(most, w.length), 0);
    // Flat postings, built in two passes (count, then fill), each list in vocabulary order.
    const counts: number[] = [];
    for (const word of this.vocabulary) {
      for (const gram of trigrams(word)) {
        let id = this.trigramIds.get(gram);
        if (id === undefined) this.trigramIds.set(gram, (id = counts.push(0) - 1));
        counts[id]! += 1;
      }
    }
    this.offsets = new Int32Array(counts.length + 1);
    counts.forEach((n, id) => (this.offsets[id + 1] = this.offsets[id]! + n));
    this.words = new Int32Array(this.offsets[counts.length]!);
    const filled = this.offsets.slice(0, counts.length);
    this.vocabulary.forEach((word, index) => {
      for (const gram of trigrams(word)) this.words[filled[this.trigramIds.get(gram)!]!++] = index;
    });
  }

  /** The known word closest to `word`, or undefined when none is close enough. */
  correct(word: string): string | undefined {
    if (word.length < 4 || word.length > this.longest + 2 || /\d/.test(word)) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.search(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    // A copy: the word must not keep its message in memory (see detachedCopy).
    this.cache.set(detachedCopy(word), found ?? null);
    return found;
  }

  private search(word: string): string | undefined {
    const shared = new Map<number, number>();
    for (const gram of trigrams(word)) {
      const id = this.trigramIds.get(gram);
      if (id === undefined) continue;
      for (let p = this.offsets[id]!; p < this.offsets[id + 1]!; p++) shared.set(this.words[p]!, (shared.get(this.words[p]!) ?? 0) + 1);
    }
    const candidates: string[] = [];
    for (const [index, count] of shared) {
      const candidate = this.vocabulary[index]!;
      // Short words share few trigrams with their intended form ("atri" and "tari" share one).
      const needed = word.length <= 5 ? 1 : 2;
      if (count >= needed && Math.abs(candidate.length - word.length) <= 2) candidates.push(candidate);
    }
    if (candidates.length === 0) return undefined;
    const fuse = new Fuse(candidates, { includeScore: true, threshold: this.threshold, ignoreLocation: true, isCaseSensitive: true });
    // Fuse ranks; only a slip of the fingers counts as a typo, so that a surname such as "Ferioli"
    // never turns into a word like "feriti" that could decide a topic.
    const allowed = word.length >= 9 ? 2 : 1;
    return fuse.search(word, { limit: 3 }).find((r) => editDistance(word, r.item) <= allowed)?.item;
  }
}

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = value;
    }
  }
  return d[rows * cols - 1]!;
}
