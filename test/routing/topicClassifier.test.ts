import { describe, expect, it } from "vitest";
import { hashedFeatures } from "../../src/routing/hashedFeatures.js";
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

  it("drops features rarer than minCount", () => {
    const rare = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 1 });
    const pruned = TopicClassifier.train(examples, 2, { ...DEFAULT_TRAINING, minCount: 2 });
    expect(pruned.size).toBeLessThan(rare.size);
  });
});
