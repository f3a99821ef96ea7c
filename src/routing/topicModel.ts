import { createHash } from "node:crypto";
import type { Entry } from "../knowledge/schema.js";
import { TOPICS, type Topic } from "../knowledge/topics.js";
import { normalizeWords, type Lexicon } from "../text/lexicon.js";
import { LANGUAGES } from "../text/stemWord.js";
import { hashedFeatures } from "./hashedFeatures.js";
import { ModelCache } from "./modelCache.js";
import { DEFAULT_TRAINING, TopicClassifier, type TrainingExample } from "./topicClassifier.js";

/** How much a keyword or signal counts as a training example, against a whole example message. */
const PHRASE_WEIGHT = 0.25;

/**
 * The learned half of routing: a classifier over topics (not entries, so its size does not grow
 * with the entries), trained on every example, keyword and signal of the knowledge.
 */
export class TopicModel {
  private constructor(private readonly classifier: TopicClassifier) {}

  /**
   * Trains on the entries, or reuses the model trained on the very same examples: in this process,
   * else from the disk cache.
   */
  static forEntries(entries: readonly Entry[], lexicon: Lexicon, cache: ModelCache | undefined = defaultCache): TopicModel {
    const plan = trainingPlan(entries, lexicon);
    const known = trained.get(plan.key) ?? fromDisk(cache, plan.key);
    const classifier = known ?? TopicClassifier.train(plan.examples(), TOPICS.length, plan.options);
    remember(plan.key, classifier);
    if (!known) cache?.write(plan.key, classifier.serialize());
    return new TopicModel(classifier);
  }

  /**
   * Makes sure the model for these entries is trained, without holding the event loop: a reload
   * awaits this before it builds the router, which then finds the model ready.
   */
  static async prepare(entries: readonly Entry[], lexicon: Lexicon, cache: ModelCache | undefined = defaultCache): Promise<void> {
    const plan = trainingPlan(entries, lexicon);
    const known = trained.get(plan.key) ?? fromDisk(cache, plan.key);
    const classifier = known ?? (await TopicClassifier.trainAsync(plan.examples(), TOPICS.length, plan.options));
    remember(plan.key, classifier);
    if (!known) cache?.write(plan.key, classifier.serialize());
  }

  /** Probability of each topic for the (normalised) words of a message, in TOPICS order. */
  probabilities(words: readonly string[]): Float64Array {
    return this.classifier.predict(hashedFeatures(words));
  }
}

/** What a model is trained on, and the key that names it. */
function trainingPlan(entries: readonly Entry[], lexicon: Lexicon): { key: string; options: typeof DEFAULT_TRAINING; examples(): TrainingExample[] } {
  const texts: Array<{ text: string; topic: Topic; weight: number }> = [];
  for (const entry of entries) {
    for (const language of LANGUAGES) {
      for (const text of entry.examples[language]) texts.push({ text, topic: entry.topic, weight: 1 });
      for (const text of entry.keywords[language]) texts.push({ text, topic: entry.topic, weight: PHRASE_WEIGHT });
      for (const text of entry.signals?.[language] ?? []) texts.push({ text, topic: entry.topic, weight: PHRASE_WEIGHT });
    }
  }
  const options = DEFAULT_TRAINING;
  const hash = createHash("sha256");
  for (const e of texts) hash.update(e.topic).update("\0").update(e.text).update("\0").update(String(e.weight)).update("\0");
  hash.update(JSON.stringify([...lexicon.stopwords].sort())).update(JSON.stringify([...lexicon.shorthand]));
  hash.update(JSON.stringify([...lexicon.synonymWords])).update(JSON.stringify(lexicon.synonymPhrases));
  hash.update(JSON.stringify(options)).update(FEATURES_VERSION);
  return {
    key: hash.digest("hex"),
    options,
    examples: () =>
      texts.map((e) => ({
        features: hashedFeatures(normalizeWords(e.text, lexicon)),
        label: TOPICS.indexOf(e.topic),
        weight: e.weight,
      })),
  };
}

/**
 * Models already trained in this process, by a hash of what they were trained on: a reload that
 * did not change the examples, a second comune with the same corpus, or a test building the same
 * bundle again costs nothing. Bounded: a model is a few megabytes.
 */
const trained = new Map<string, TopicClassifier>();
const TRAINED_LIMIT = 4;
const defaultCache = new ModelCache();

/** Changes whenever hashedFeatures changes what it extracts: older cached weights no longer fit. */
const FEATURES_VERSION = "features-4";

function remember(key: string, classifier: TopicClassifier): void {
  trained.delete(key);
  if (trained.size >= TRAINED_LIMIT) trained.delete(trained.keys().next().value!);
  trained.set(key, classifier);
}

function fromDisk(cache: ModelCache | undefined, key: string): TopicClassifier | undefined {
  const stored = cache?.read(key);
  return stored && stored.classes === TOPICS.length ? TopicClassifier.fromSerialized(stored) : undefined;
}
