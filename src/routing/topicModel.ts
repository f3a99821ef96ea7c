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
  private constructor(private readonly classifier: TopicClassifier, private readonly lexicon: Lexicon) {}

  /**
   * Trains on the entries, or reuses the model trained on the very same examples: in this process,
   * else from the disk cache.
   */
  static forEntries(entries: readonly Entry[], lexicon: Lexicon, cache: ModelCache | undefined = defaultCache): TopicModel {
    const examples: Array<{ text: string; topic: Topic; weight: number }> = [];
    for (const entry of entries) {
      for (const language of LANGUAGES) {
        for (const text of entry.examples[language]) examples.push({ text, topic: entry.topic, weight: 1 });
        for (const text of entry.keywords[language]) examples.push({ text, topic: entry.topic, weight: PHRASE_WEIGHT });
        for (const text of entry.signals?.[language] ?? []) examples.push({ text, topic: entry.topic, weight: PHRASE_WEIGHT });
      }
    }
    const hash = createHash("sha256");
    for (const e of examples) hash.update(e.topic).update("\0").update(e.text).update("\0").update(String(e.weight)).update("\0");
    const options = { ...DEFAULT_TRAINING, ...trainingOverrides() };
    hash.update(JSON.stringify([...lexicon.stopwords].sort())).update(JSON.stringify([...lexicon.shorthand]));
    hash.update(JSON.stringify([...lexicon.synonymWords])).update(JSON.stringify(lexicon.synonymPhrases));
    hash.update(JSON.stringify(options)).update(FEATURES_VERSION);
    const key = hash.digest("hex");
    const known = trained.get(key) ?? fromDisk(cache, key);
    if (known) {
      remember(key, known);
      return new TopicModel(known, lexicon);
    }
    const training: TrainingExample[] = examples.map((e) => ({
      features: hashedFeatures(normalizeWords(e.text, lexicon), lexicon.stopwords),
      label: TOPICS.indexOf(e.topic),
      weight: e.weight,
    }));
    const classifier = TopicClassifier.train(training, TOPICS.length, options);
    remember(key, classifier);
    cache?.write(key, classifier.serialize());
    return new TopicModel(classifier, lexicon);
  }

  /** Probability of each topic for the (normalised) words of a message, in TOPICS order. */
  probabilities(words: readonly string[]): Float64Array {
    return this.classifier.predict(hashedFeatures(words, this.lexicon.stopwords));
  }
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
const FEATURES_VERSION = "features-2";

function remember(key: string, classifier: TopicClassifier): void {
  trained.delete(key);
  if (trained.size >= TRAINED_LIMIT) trained.delete(trained.keys().next().value!);
  trained.set(key, classifier);
}

function fromDisk(cache: ModelCache | undefined, key: string): TopicClassifier | undefined {
  const stored = cache?.read(key);
  return stored && stored.classes === TOPICS.length ? TopicClassifier.fromSerialized(stored) : undefined;
}

/** Experiments only: ROUTER_TRAINING='{"epochs":6}' changes the training of models built afterwards. */
function trainingOverrides(): Partial<typeof DEFAULT_TRAINING> {
  const raw = process.env.ROUTER_TRAINING;
  return raw ? (JSON.parse(raw) as Partial<typeof DEFAULT_TRAINING>) : {};
}
