import type { Entry } from "../../src/knowledge/schema.js";
import { DEFAULT_LOGISTIC, LogisticRegression, type LogisticOptions } from "./logisticRegression.js";
import { NgramVectorizer } from "./ngramVectorizer.js";
import { trainingUtterances, type PeerClassifier } from "./peerClassifier.js";

/** The baseline trained once on every comune's entries: which entry id each class stands for, and its topic. */
export interface PooledModel {
  readonly vectorizer: NgramVectorizer;
  readonly model: LogisticRegression;
  readonly classes: ReadonlyArray<{ readonly id: string; readonly topic: string }>;
}

/**
 * Trains the plain baseline on the examples and keywords of the given entries — every comune's,
 * pooled by entry id, each utterance once — and nothing else: no signals, lexicon, stems or rules.
 */
export function trainPooledModel(pooled: readonly Entry[], options: LogisticOptions = DEFAULT_LOGISTIC): PooledModel {
  const classes: Array<{ id: string; topic: string }> = [];
  const classOf = new Map<string, number>();
  for (const entry of pooled) {
    if (!classOf.has(entry.id)) {
      classOf.set(entry.id, classes.length);
      classes.push({ id: entry.id, topic: entry.topic });
    }
  }
  const seen = new Set<string>();
  const texts: string[] = [];
  const labels: number[] = [];
  for (const u of trainingUtterances(pooled)) {
    const key = `${u.entryId}\0${u.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    texts.push(u.text);
    labels.push(classOf.get(u.entryId)!);
  }
  const vectorizer = NgramVectorizer.fit(texts);
  const model = LogisticRegression.fit(texts.map((t) => vectorizer.transform(t)), labels, vectorizer.size, classes.length, options);
  return { vectorizer, model, classes };
}

/** Models already trained in this process, by the pooled entries they learnt from: every comune shares one. */
const trained = new WeakMap<readonly Entry[], PooledModel>();

/**
 * The plain logistic-regression baseline as a peer of one comune: the pooled model names an entry
 * id; the comune's entry with that id answers, or else its first entry of the same topic.
 */
export function createLogisticPeer(entries: readonly Entry[], pooled: readonly Entry[]): PeerClassifier {
  let pooledModel = trained.get(pooled);
  if (!pooledModel) trained.set(pooled, (pooledModel = trainPooledModel(pooled)));
  const { vectorizer, model, classes } = pooledModel;
  return {
    async predict(text) {
      const probabilities = model.predict(vectorizer.transform(text));
      let best = 0;
      for (let c = 1; c < probabilities.length; c++) if (probabilities[c]! > probabilities[best]!) best = c;
      const chosen = classes[best]!;
      return (entries.find((e) => e.id === chosen.id) ?? entries.find((e) => e.topic === chosen.topic))?.id ?? null;
    },
  };
}
