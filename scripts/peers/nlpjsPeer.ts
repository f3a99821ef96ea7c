import { NlpManager } from "node-nlp";
import type { Entry } from "../../src/knowledge/schema.js";
import { LANGUAGES } from "../../src/text/stemWord.js";
import { trainingUtterances, type PeerClassifier } from "./peerClassifier.js";

/** NLP.js's "not understood" intent, given when no intent scores above its threshold (0.5). */
const NONE = "None";

/**
 * NLP.js (`node-nlp`) intent classifier, one intent per entry, trained in Italian and English with
 * its defaults. A message is classified in the channel's language, as a developer would call it
 * (classifying in both languages and keeping the more confident intent scored worse on the dev set);
 * a locale in neither language is left to NLP.js's own language guess.
 */
export async function createNlpjsPeer(entries: readonly Entry[]): Promise<PeerClassifier> {
  const manager = new NlpManager({
    languages: [...LANGUAGES],
    // Training stays in memory: nothing is read from or written to model.nlp.
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    nlu: { log: false },
  });
  for (const utterance of trainingUtterances(entries)) manager.addDocument(utterance.language, utterance.text, utterance.entryId);
  await manager.train();
  return {
    async predict(text, locale) {
      const language = LANGUAGES.find((l) => locale.toLowerCase().startsWith(l));
      const result = language ? await manager.process(language, text) : await manager.process(text);
      return result.intent === NONE ? null : result.intent;
    },
  };
}
