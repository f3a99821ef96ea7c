/**
 * The text features of the plain baseline, written to match scikit-learn's defaults so that the
 * figure compares with the textbook recipe: TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5))
 * next to TfidfVectorizer(ngram_range=(1, 2)), lower-cased, accents kept, smooth idf, each block
 * L2-normalised. Nothing here knows the bot's lexicon, stems or stopwords.
 */

/** A sparse row: feature indices, ascending, and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** scikit-learn's `(?u)\b\w\w+\b`: runs of two or more word characters. */
const WORD = /[\p{L}\p{N}\p{M}_]{2,}/gu;

/** scikit-learn's char_wb analyzer: n-grams of each whitespace-separated word padded with one space each side. */
export function charWbGrams(text: string, minN = 2, maxN = 5): string[] {
  const grams: string[] = [];
  for (const raw of text.toLowerCase().split(/\s+/)) {
    if (!raw) continue;
    const w = ` ${raw} `;
    for (let n = minN; n <= maxN; n++) {
      let offset = 0;
      grams.push(w.slice(offset, offset + n));
      while (offset + n < w.length) {
        offset++;
        grams.push(w.slice(offset, offset + n));
      }
      // a word no longer than n is counted once, whole
      if (offset === 0) break;
    }
  }
  return grams;
}

/** scikit-learn's word analyzer: tokens of two or more word characters, then their n-grams joined by a space. */
export function wordGrams(text: string, minN = 1, maxN = 2): string[] {
  const tokens = text.toLowerCase().match(WORD) ?? [];
  const grams: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) grams.push(tokens.slice(i, i + n).join(" "));
  }
  return grams;
}

/** One tf-idf block: a vocabulary and the idf of each of its terms. */
class TfidfBlock {
  private constructor(
    private readonly analyze: (text: string) => string[],
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly idf: Float64Array,
  ) {}

  static fit(texts: readonly string[], analyze: (text: string) => string[]): TfidfBlock {
    const vocabulary = new Map<string, number>();
    const df: number[] = [];
    for (const text of texts) {
      for (const term of new Set(analyze(text))) {
        let index = vocabulary.get(term);
        if (index === undefined) vocabulary.set(term, (index = vocabulary.size));
        df[index] = (df[index] ?? 0) + 1;
      }
    }
    // smooth_idf: as if one more document held every term once
    const idf = Float64Array.from(df, (d) => Math.log((1 + texts.length) / (1 + d)) + 1);
    return new TfidfBlock(analyze, vocabulary, idf);
  }

  get size(): number {
    return this.idf.length;
  }

  /** The L2-normalised tf-idf of a text, indices shifted by `offset`; terms never seen in training are dropped. */
  transform(text: string, offset: number): Array<[number, number]> {
    const counts = new Map<number, number>();
    for (const term of this.analyze(text)) {
      const index = this.vocabulary.get(term);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    let norm = 0;
    const cells: Array<[number, number]> = [];
    for (const [index, count] of counts) {
      const value = count * this.idf[index]!;
      norm += value * value;
      cells.push([index + offset, value]);
    }
    norm = Math.sqrt(norm);
    for (const cell of cells) cell[1] /= norm;
    return cells;
  }
}

/** Character 2–5-grams next to word 1–2-grams, each a tf-idf block of its own, as scikit-learn's FeatureUnion joins them. */
export class NgramVectorizer {
  private constructor(private readonly chars: TfidfBlock, private readonly words: TfidfBlock) {}

  static fit(texts: readonly string[]): NgramVectorizer {
    return new NgramVectorizer(TfidfBlock.fit(texts, (t) => charWbGrams(t)), TfidfBlock.fit(texts, (t) => wordGrams(t)));
  }

  /** How many features a vector can have. */
  get size(): number {
    return this.chars.size + this.words.size;
  }

  transform(text: string): SparseVector {
    const cells = [...this.chars.transform(text, 0), ...this.words.transform(text, this.chars.size)].sort((a, b) => a[0] - b[0]);
    return { indices: Int32Array.from(cells, (c) => c[0]), values: Float64Array.from(cells, (c) => c[1]) };
  }
}
