import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashedFeatures, WORD_BLOCK } from "../../src/routing/hashedFeatures.js";
import { TopicClassifier, DEFAULT_TRAINING } from "../../src/routing/topicClassifier.js";

const features = (text: string) => hashedFeatures(text.split(" "));
const TRAINING = [
  ["la buca in strada", 0],
  ["buche sul marciapiede", 0],
  ["lampione spento in via roma", 0],
  ["orari della pagina", 1],
  ["a che ora rispondete", 1],
  ["orario del sabato", 1],
] as const;
const examples = TRAINING.map(([text, label]) => ({ features: features(text), label }));
const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));

describe("TopicClassifier", () => {
  it("learns its training examples", () => {
    const model = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 1 });
    for (const [text, label] of TRAINING) expect(argmax(model.predict(features(text)))).toBe(label);
  });

  it("carries over to inflections it never saw, through character n-grams", () => {
    const model = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 1 });
    expect(argmax(model.predict(features("bucaccia")))).toBe(0);
    expect(argmax(model.predict(features("orariii")))).toBe(1);
  });

  it("gives the same weights every time it is trained on the same examples", () => {
    const a = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 1 });
    const b = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 1 });
    expect([...a.predict(features("buca orari"))]).toEqual([...b.predict(features("buca orari"))]);
  });

  it("is uniform on a message with no known feature", () => {
    const model = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 1 });
    expect([...model.predict(features("qwzx"))]).toEqual([0.5, 0.5]);
  });

  it("marks words and word pairs apart from character n-grams, so that each block is normalised on its own", () => {
    const feats = hashedFeatures(["buca", "strada"]);
    // two words, one pair, and the 2- to 5-grams of "^buca$" (5+4+3+2) and "^strada$" (7+6+5+4)
    expect(feats.filter((f) => f >= WORD_BLOCK)).toHaveLength(3);
    expect(feats.filter((f) => f < WORD_BLOCK)).toHaveLength(36);
  });

  it("drops features rarer than minCount", () => {
    const rare = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 1 });
    const pruned = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 2 });
    expect(pruned.size).toBeLessThan(rare.size);
  });

  it("predicts, message after message, what a Map from hashes to rows and a fresh vector per message give, to the last bit", () => {
    const model = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 1 });
    const { hashes, idf, weights, bias, classes } = model.serialize();
    // serialize() keeps hashes unsigned, and hashedFeatures gives pairs signed: compared as 32 bits.
    const rowOf = new Map([...hashes].map((h, row) => [h | 0, row]));
    const reference = (feats: readonly number[]) => {
      const counts = new Map<number, number>();
      for (const f of feats) {
        const r = rowOf.get(f | 0);
        if (r !== undefined) counts.set(r, (counts.get(r) ?? 0) + 1);
      }
      const rows = [...counts.keys()];
      const values = Float32Array.from(rows, (r) => counts.get(r)! * idf[r]!);
      // Words and pairs (top bit set) and character n-grams are each normalised on their own.
      const block = (r: number) => (hashes[r]! >= WORD_BLOCK ? 1 : 0);
      const norms = [0, 1].map((b) => rows.filter((r) => block(r) === b).reduce((sum, r) => sum + (counts.get(r)! * idf[r]!) ** 2, 0));
      rows.forEach((r, k) => {
        const norm = norms[block(r)]!;
        values[k] = values[k]! * (norm > 0 ? 1 / Math.sqrt(norm) : 0);
      });
      const out = Float64Array.from(bias);
      if (rows.length === 0) return out.fill(1 / classes);
      rows.forEach((r, k) => {
        for (let c = 0; c < classes; c++) out[c] = out[c]! + weights[r * classes + c]! * values[k]!;
      });
      const max = Math.max(...out);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += out[c] = Math.exp(out[c]! - max);
      return out.map((v) => v / sum);
    };
    const words = ["la", "buca", "in", "strada", "orari", "pagina", "buche", "lampione", "spento", "qwzx", "a", "che", "ora"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 30 }), (message) => {
        const feats = hashedFeatures(message);
        expect([...model.predict(feats)]).toEqual([...reference(feats)]);
      }),
      { numRuns: 300 },
    );
  });
});

