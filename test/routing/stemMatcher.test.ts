import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageWords, type MessageWord } from "../../src/routing/messageFeatures.js";
import { StemMatcherBuilder } from "../../src/routing/stemMatcher.js";
import type { Lexicon } from "../../src/text/lexicon.js";
import { stemWord, type Language } from "../../src/text/stemWord.js";
import { testLexicon } from "../support/testLexicon.js";

const lexicon = testLexicon({ stopwords: { it: ["il", "la", "di", "per"], en: ["the", "a"] } });

const VOCABULARY = ["buca", "buche", "strada", "lampione", "spento", "orari", "orario", "pagina", "foto", "fotografie", "il", "la", "di", "per", "the", "hours", "page", "denuncia", "furto", "rubato"];

/**
 * The matcher as it was first written: features as strings ("u:stem", "b:stem_stem") in a Set, and
 * a Map from each feature to its postings. The typed-array matcher must score exactly as this does.
 */
function reference(texts: ReadonlyArray<{ entry: number; words: string[]; language: Language; unigram: number; pair: number }>, entries: number, topicOf: readonly number[], lexicon: Lexicon) {
  const weights = Array.from({ length: entries }, () => new Map<string, number>());
  for (const t of texts) {
    const stems = t.words.filter((w) => !lexicon.stopwords.has(w)).map((w) => stemWord(w, t.language));
    const features = stems.map((s) => `u:${s}`);
    for (let i = 1; i < stems.length; i++) features.push(`b:${stems[i - 1]}_${stems[i]}`);
    for (const f of new Set(features)) weights[t.entry]!.set(f, (weights[t.entry]!.get(f) ?? 0) + (f.startsWith("b:") ? t.pair : t.unigram));
  }
  const df = new Map<string, number>();
  for (const map of weights) for (const f of map.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const postings = new Map<string, Array<[number, number]>>();
  weights.forEach((map, e) => {
    for (const [f, w] of map) {
      const list = postings.get(f) ?? [];
      list.push([e, Math.log(1 + entries / df.get(f)!) * (w / (w + 2))]);
      postings.set(f, list);
    }
  });
  return (words: readonly MessageWord[]) => {
    const content = words.filter((w) => w.content);
    const features = new Set<string>();
    content.forEach((w, i) => {
      for (const s of w.stems) features.add(`u:${s}`);
      const previous = content[i - 1];
      if (previous) for (const a of previous.stems) for (const b of w.stems) features.add(`b:${a}_${b}`);
    });
    const scores = new Map<number, number>();
    for (const f of features) for (const [e, w] of postings.get(f) ?? []) scores.set(e, (scores.get(e) ?? 0) + w);
    const seen = new Set<number>();
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .filter(([e]) => !seen.has(topicOf[e]!) && seen.add(topicOf[e]!))
      .map(([entryIndex, score]) => ({ entryIndex, score }));
  };
}

describe("StemMatcher", () => {
  it("scores every message exactly as the Map of feature strings did, one entry per topic", () => {
    const phrase = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 6 });
    const text = fc.record({ entry: fc.integer({ min: 0, max: 7 }), words: phrase, language: fc.constantFrom<Language>("it", "en"), unigram: fc.constantFrom(1, 3), pair: fc.constantFrom(1, 4) });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }), fc.array(phrase, { maxLength: 5 }), (texts, topics, messages) => {
        const builder = new StemMatcherBuilder(lexicon);
        for (const t of texts) builder.add(t.entry, t.words, t.language, t.unigram, t.pair);
        const matcher = builder.build(Int32Array.from(topics), 4);
        const expected = reference(texts, 8, topics, lexicon);
        // Several messages in turn: the buffers reused between messages must start clean each time.
        for (const message of messages) {
          const words = messageWords(message, lexicon);
          expect(matcher.rank(words)).toEqual(expected(words));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("knows the stems of its entries' content words only", () => {
    const builder = new StemMatcherBuilder(lexicon);
    builder.add(0, ["la", "buca", "strada"], "it", 3, 4);
    const matcher = builder.build(Int32Array.of(0), 1);
    expect(matcher.knowsStem(stemWord("buca", "it"))).toBe(true);
    expect(matcher.knowsStem("la")).toBe(false);
  });
});
