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
