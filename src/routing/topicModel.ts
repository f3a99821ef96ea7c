import { createHash } from "node:crypto";
import type { Entry } from "../knowledge/schema.js";
import { TOPICS } from "../knowledge/topics.js";
import { normalizeWords, type Lexicon } from "../text/lexicon.js";
import { LANGUAGES } from "../text/stemWord.js";
import { hashedFeatures } from "./hashedFeatures.js";
import { ModelCache } from "./modelCache.js";
import { DEFAULT_TRAINING, TopicClassifier, type TrainingExample } from "./topicClassifier.js";

/** How much a keyword or signal counts as a training example, against a whole example message. */
const PHRASE_WEIGHT = 0.25;

/**
 * The learned half of routing: a classifier trained on every example, keyword and signal of the
 * knowledge, whose probabilities are summed by topic. A topic is often several ways of writing (an
 * emergency told as a fire, a fall, violence or a threat to oneself: entries of their own); a class
 * for each well-learnt entry lets each keep its own words, where one class per topic blurs them
 * (measured: see the README). Small entries share their topic's class, so the model's size does not
 * grow with the number of entries.
 */
export class TopicModel {
  private constructor(
    private readonly classifier: TopicClassifier,
    /** the topic (index in TOPICS) of each class */
    private readonly topicOfClass: Uint8Array,
  ) {}

  /**
   * Trains on the entries, or reuses the model trained on the very same examples: in this process,
   * else from the disk cache.
   */
  static forEntries(entries: readonly Entry[], lexicon: Lexicon, cache: ModelCache | undefined = defaultCache): TopicModel {
    const plan = trainingPlan(entries, lexicon);
    const known = trained.get(plan.key) ?? fromDisk(cache, plan.key, plan.topicOfClass.length);
    const classifier = known ?? TopicClassifier.train(plan.examples(), plan.topicOfClass.length, plan.options);
    remember(plan.key, classifier);
    if (!known) cache?.write(plan.key, classifier.serialize());
    return new TopicModel(classifier, plan.topicOfClass);
  }

  /**
   * Makes sure the model for these entries is trained, without holding the event loop: a reload
   * awaits this before it builds the router, which then finds the model ready.
   */
  static async prepare(entries: readonly Entry[], lexicon: Lexicon, cache: ModelCache | undefined = defaultCache): Promise<void> {
    const plan = trainingPlan(entries, lexicon);
    const known = trained.get(plan.key) ?? fromDisk(cache, plan.key, plan.topicOfClass.length);
    const classifier = known ?? (await TopicClassifier.trainAsync(plan.examples(), plan.topicOfClass.length, plan.options));
    remember(plan.key, classifier);
    if (!known) cache?.write(plan.key, classifier.serialize());
  }

  /** How many classes the model learnt: one per well-learnt entry, and one per topic for the rest. */
  get classes(): number {
    return this.topicOfClass.length;
  }

  /** Probability of each topic for the (normalised) words of a message, in TOPICS order. */
  probabilities(words: readonly string[]): Float64Array {
    const byClass = this.classifier.predict(hashedFeatures(words));
    const byTopic = new Float64Array(TOPICS.length);
    for (let c = 0; c < byClass.length; c++) {
      const topic = this.topicOfClass[c]!;
      byTopic[topic] = byTopic[topic]! + byClass[c]!;
    }
    return byTopic;
  }
}

/**
 * An entry learns as a class of its own when it has at least this many example messages; smaller
 * entries (a comune's local additions) share one class with the rest of their topic.
 */
const OWN_CLASS_EXAMPLES = 20;
/**
 * At most this many entries have a class of their own (those with the most examples): the model's
 * size and its cost per message grow with the classes, and a comune may have a thousand entries.
 */
const MAX_OWN_CLASSES = 64;

/** The class each entry learns as: its own, or its topic's shared one. Bounded by MAX_OWN_CLASSES + TOPICS. */
function classesOf(entries: readonly Entry[]): { classOfEntry: number[]; topicOfClass: number[] } {
  const examplesOf = (entry: Entry) => LANGUAGES.reduce((n, language) => n + entry.examples[language].length, 0);
  const own = new Set(
    entries
      .map((entry, index) => ({ index, examples: examplesOf(entry) }))
      .filter((e) => e.examples >= OWN_CLASS_EXAMPLES)
      .sort((a, b) => b.examples - a.examples || a.index - b.index)
      .slice(0, MAX_OWN_CLASSES)
      .map((e) => e.index),
  );
  const topicOfClass: number[] = [];
  const sharedOfTopic = new Map<number, number>();
  const classOfEntry = entries.map((entry, index) => {
    const topic = TOPICS.indexOf(entry.topic);
    if (own.has(index)) return topicOfClass.push(topic) - 1;
    let shared = sharedOfTopic.get(topic);
    if (shared === undefined) sharedOfTopic.set(topic, (shared = topicOfClass.push(topic) - 1));
    return shared;
  });
  return { classOfEntry, topicOfClass };
}

/** What a model is trained on, and the key that names it. */
function trainingPlan(entries: readonly Entry[], lexicon: Lexicon): { key: string; options: typeof DEFAULT_TRAINING; topicOfClass: Uint8Array; examples(): TrainingExample[] } {
  const texts: Array<{ text: string; label: number; weight: number }> = [];
  const { classOfEntry, topicOfClass } = classesOf(entries);
  entries.forEach((entry, index) => {
    const label = classOfEntry[index]!;
    for (const language of LANGUAGES) {
      for (const text of entry.examples[language]) texts.push({ text, label, weight: 1 });
      for (const text of entry.keywords[language]) texts.push({ text, label, weight: PHRASE_WEIGHT });
      for (const text of entry.signals?.[language] ?? []) texts.push({ text, label, weight: PHRASE_WEIGHT });
    }
  });
  const options = DEFAULT_TRAINING;
  const hash = createHash("sha256");
  hash.update(JSON.stringify(topicOfClass));
  for (const e of texts) hash.update(String(e.label)).update("\0").update(e.text).update("\0").update(String(e.weight)).update("\0");
  hash.update(JSON.stringify([...lexicon.stopwords].sort())).update(JSON.stringify([...lexicon.shorthand]));
  hash.update(JSON.stringify([...lexicon.synonymWords])).update(JSON.stringify(lexicon.synonymPhrases));
  hash.update(JSON.stringify(options)).update(FEATURES_VERSION);
  return {
    key: hash.digest("hex"),
    options,
    topicOfClass: Uint8Array.from(topicOfClass),
    examples: () =>
      texts.map((e) => ({
        features: hashedFeatures(normalizeWords(e.text, lexicon)),
        label: e.label,
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
const FEATURES_VERSION = "features-5";

function remember(key: string, classifier: TopicClassifier): void {
  trained.delete(key);
  if (trained.size >= TRAINED_LIMIT) trained.delete(trained.keys().next().value!);
  trained.set(key, classifier);
}

function fromDisk(cache: ModelCache | undefined, key: string, classes: number): TopicClassifier | undefined {
  const stored = cache?.read(key);
  return stored && stored.classes === classes ? TopicClassifier.fromSerialized(stored) : undefined;
}
