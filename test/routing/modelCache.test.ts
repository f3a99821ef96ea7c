import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashedFeatures } from "../../src/routing/hashedFeatures.js";
import { ModelCache } from "../../src/routing/modelCache.js";
import { DEFAULT_TRAINING, TopicClassifier } from "../../src/routing/topicClassifier.js";

const features = (text: string) => hashedFeatures(text.split(" "));
const model = TopicClassifier.train(
  [
    { features: features("buca in strada"), label: 0 },
    { features: features("orari della pagina"), label: 1 },
  ],
  2,
  { ...DEFAULT_TRAINING, minCount: 1 },
);

describe("ModelCache", () => {
  it("gives back the very weights it was given", () => {
    const cache = new ModelCache(mkdtempSync(join(tmpdir(), "routing-cache-")));
    cache.write("k1", model.serialize());
    const restored = TopicClassifier.fromSerialized(cache.read("k1")!);
    expect([...restored.predict(features("buca pagina"))]).toEqual([...model.predict(features("buca pagina"))]);
  });

  it("gives back a model that reads word pairs as the trained one did", () => {
    // Word pairs alone: a pair whose hash the file stored differently would be lost on reading.
    const text = "la buca in strada davanti alla scuola elementare di via roma numero dodici";
    const pairs = (words: string) => {
      const all = hashedFeatures(words.split(" "));
      const singles = new Set(words.split(" ").flatMap((w) => hashedFeatures([w])));
      return all.filter((f) => !singles.has(f));
    };
    expect(pairs(text).length).toBe(text.split(" ").length - 1);
    for (const f of hashedFeatures(text.split(" "))) expect(f >>> 0).toBe(f);
    const pairModel = TopicClassifier.train(
      [
        { features: pairs(text), label: 0 },
        { features: pairs("orari della pagina del comune"), label: 1 },
      ],
      2,
      { ...DEFAULT_TRAINING, minCount: 1 },
    );
    const cache = new ModelCache(mkdtempSync(join(tmpdir(), "routing-cache-")));
    cache.write("pairs", pairModel.serialize());
    const restored = TopicClassifier.fromSerialized(cache.read("pairs")!);
    expect([...restored.predict(pairs(text))]).toEqual([...pairModel.predict(pairs(text))]);
  });

  it("knows nothing of a key it never saw, or of a damaged file", () => {
    const dir = mkdtempSync(join(tmpdir(), "routing-cache-"));
    const cache = new ModelCache(dir);
    expect(cache.read("missing")).toBeUndefined();
    cache.write("k2", model.serialize());
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), "not a model");
    expect(cache.read("k2")).toBeUndefined();
  });

  it("keeps a bounded number of models", () => {
    const dir = mkdtempSync(join(tmpdir(), "routing-cache-"));
    const cache = new ModelCache(dir);
    for (let i = 0; i < 12; i++) cache.write(`key-${i}`, model.serialize());
    expect(readdirSync(dir).length).toBeLessThanOrEqual(8);
  });

  it("costs only training when its folder cannot be written", () => {
    const file = join(mkdtempSync(join(tmpdir(), "routing-cache-")), "a-file");
    writeFileSync(file, "");
    const cache = new ModelCache(join(file, "cache"));
    expect(() => cache.write("k3", model.serialize())).not.toThrow();
    expect(cache.read("k3")).toBeUndefined();
  });
});
