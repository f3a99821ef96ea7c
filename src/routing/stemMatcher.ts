import type { Lexicon } from "../text/lexicon.js";
import { stemWord, type Language } from "../text/stemWord.js";
import type { MessageWord } from "./messageFeatures.js";

/** An entry's score in the matcher. */
export interface EntryScore {
  readonly entryIndex: number;
  readonly score: number;
}

/**
 * The idf-weighted stem index: each entry's stems and neighbouring stem pairs (content words only),
 * with how much each counts, and a message scored against every entry at once.
 *
 * Stored flat, as typed arrays: a stem's id in a Map, a pair's id in a Map by the two stems' ids,
 * and each feature's postings (entry, weight) side by side in two arrays (compressed sparse rows).
 * That is a fraction of the memory of a Map of arrays of pairs, and scoring a message allocates no
 * string, Map or array per feature: scores add up in a buffer kept between messages.
 */
export class StemMatcher {
  /** Made by StemMatcherBuilder.build. */
  constructor(
    /** stem -> feature id */
    private readonly stems: ReadonlyMap<string, number>,
    /** (first stem's feature id × feature count + second's) -> feature id */
    private readonly pairs: ReadonlyMap<number, number>,
    /** postings of feature f: entries[offsets[f]..offsets[f+1]) with their weights */
    private readonly offsets: Int32Array,
    private readonly postingEntries: Int32Array,
    private readonly postingWeights: Float64Array,
    /** topic number of each entry: the ranking keeps the best entry of each topic */
    private readonly topicOf: Int32Array,
    topics: number,
  ) {
    this.scores = new Float64Array(topicOf.length);
    this.touched = new Int32Array(topicOf.length);
    this.seen = new Uint32Array(offsets.length - 1);
    this.bestOfTopic = new Int32Array(topics).fill(-1);
  }

  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  /** the message number in which each feature was last counted: a feature counts once per message */
  private readonly seen: Uint32Array;
  private message = 0;
  private readonly bestOfTopic: Int32Array;

  /** True when some entry has this stem (the typo corrector leaves such words alone). */
  knowsStem(stem: string): boolean {
    return this.stems.has(stem);
  }

  /**
   * The best entry of each topic that shares a feature with the message, best first (score, then
   * entry order). Features count in the order of the message, each once: the same sums, to the
   * last bit, as adding up a Set of feature strings.
   */
  rank(words: readonly MessageWord[]): EntryScore[] {
    if (++this.message === 0xffffffff) {
      this.seen.fill(0);
      this.message = 1;
    }
    let touched = 0;
    const add = (feature: number | undefined) => {
      if (feature === undefined || this.seen[feature] === this.message) return;
      this.seen[feature] = this.message;
      for (let p = this.offsets[feature]!; p < this.offsets[feature + 1]!; p++) {
        const entry = this.postingEntries[p]!;
        if (this.scores[entry] === 0) this.touched[touched++] = entry;
        this.scores[entry] = this.scores[entry]! + this.postingWeights[p]!;
      }
    };
    const features = this.seen.length;
    let previous: MessageWord | undefined;
    for (const w of words) {
      if (!w.content) continue;
      for (const s of w.stems) add(this.stems.get(s));
      if (previous) {
        for (const a of previous.stems) {
          const first = this.stems.get(a);
          if (first === undefined) continue;
          for (const b of w.stems) {
            const second = this.stems.get(b);
            if (second !== undefined) add(this.pairs.get(first * features + second));
          }
        }
      }
      previous = w;
    }
    // The best entry of each topic: highest score, then first in the knowledge.
    const best = this.bestOfTopic;
    for (let k = 0; k < touched; k++) {
      const entry = this.touched[k]!;
      const topic = this.topicOf[entry]!;
      const holder = best[topic]!;
      if (holder === -1 || this.scores[entry]! > this.scores[holder]! || (this.scores[entry] === this.scores[holder] && entry < holder)) best[topic] = entry;
    }
    const ranked: EntryScore[] = [];
    for (let topic = 0; topic < best.length; topic++) {
      if (best[topic] === -1) continue;
      ranked.push({ entryIndex: best[topic]!, score: this.scores[best[topic]!]! });
      best[topic] = -1;
    }
    for (let k = 0; k < touched; k++) this.scores[this.touched[k]!] = 0;
    return ranked.sort((a, b) => b.score - a.score || a.entryIndex - b.entryIndex);
  }

}

/** Gathers the stems and stem pairs of every entry's keywords and examples, with their field weights. */
export class StemMatcherBuilder {
  private readonly stems = new Map<string, number>();
  private readonly pairs = new Map<string, number>();
  /** per entry: feature id -> summed field weight */
  private readonly weights: Array<Map<number, number>> = [];
  /** per feature id: true for a pair */
  private readonly isPair: boolean[] = [];
  /** per pair, in the order they were met: its id and its two stems' ids */
  private readonly pairParts: Array<readonly [number, number, number]> = [];

  constructor(private readonly lexicon: Lexicon) {}

  /**
   * Adds the features of one keyword or example (its words, normalised) to an entry: each stem
   * counts `unigram`, each pair of neighbouring stems `pair`, once per text however often it occurs.
   */
  add(entryIndex: number, words: readonly string[], language: Language, unigram: number, pair: number): void {
    const map = (this.weights[entryIndex] ??= new Map());
    const stems = words.filter((w) => !this.lexicon.stopwords.has(w)).map((w) => stemWord(w, language));
    const features = new Set<number>();
    for (const s of stems) features.add(this.stemId(s));
    for (let i = 1; i < stems.length; i++) features.add(this.pairId(stems[i - 1]!, stems[i]!));
    for (const f of features) map.set(f, (map.get(f) ?? 0) + (this.isPair[f] ? pair : unigram));
  }

  /** The index over `entries` entries; `topicOf` numbers each entry's topic (below `topics`). */
  build(topicOf: Int32Array, topics: number): StemMatcher {
    const entries = topicOf.length;
    const features = this.isPair.length;
    const documentFrequency = new Int32Array(features);
    for (const map of this.weights) for (const f of map?.keys() ?? []) documentFrequency[f]! += 1;
    const offsets = new Int32Array(features + 1);
    for (let f = 0; f < features; f++) offsets[f + 1] = offsets[f]! + documentFrequency[f]!;
    const postingEntries = new Int32Array(offsets[features]!);
    const postingWeights = new Float64Array(offsets[features]!);
    const filled = offsets.slice(0, features);
    // Entries in order, so each feature's postings are in entry order, as scoring expects.
    for (let entryIndex = 0; entryIndex < entries; entryIndex++) {
      for (const [f, weight] of this.weights[entryIndex] ?? []) {
        const idf = Math.log(1 + entries / documentFrequency[f]!);
        const saturated = weight / (weight + 2);
        const at = filled[f]!++;
        postingEntries[at] = entryIndex;
        postingWeights[at] = idf * saturated;
      }
    }
    // Pairs keyed by their stems' ids: a message looks them up without building a string.
    const pairs = new Map<number, number>();
    for (const [id, first, second] of this.pairParts) pairs.set(first * features + second, id);
    return new StemMatcher(this.stems, pairs, offsets, postingEntries, postingWeights, topicOf, topics);
  }

  private stemId(stem: string): number {
    let id = this.stems.get(stem);
    if (id === undefined) {
      id = this.isPair.length;
      this.isPair.push(false);
      this.stems.set(stem, id);
    }
    return id;
  }

  private pairId(first: string, second: string): number {
    const key = `${first}_${second}`;
    let id = this.pairs.get(key);
    if (id === undefined) {
      id = this.isPair.length;
      this.isPair.push(true);
      this.pairs.set(key, id);
      this.pairParts.push([id, this.stemId(first), this.stemId(second)]);
    }
    return id;
  }
}
