import type { Entry } from "../../src/knowledge/schema.js";
import { LANGUAGES, type Language } from "../../src/text/stemWord.js";

/**
 * A routing library a developer could pick off the shelf, trained on the knowledge: it names the
 * entry that answers a message, or null when it does not understand it.
 */
export interface PeerClassifier {
  predict(text: string, locale: string): Promise<string | null>;
}

/** One training utterance: an example question or a keyword of an entry, in one language. */
export interface Utterance {
  readonly entryId: string;
  readonly language: Language;
  readonly text: string;
}

/**
 * What the peers learn from: every entry's example questions, and its keywords as extra short
 * utterances — the same fields the bot's router reads, from entries as loadKnowledge gives them
 * (the shared corpus of knowledge/corpus merged in). Signals are left out: they are the bot's own
 * rule mechanism, not training text.
 */
export function trainingUtterances(entries: readonly Entry[]): Utterance[] {
  const utterances: Utterance[] = [];
  for (const entry of entries) {
    for (const language of LANGUAGES) {
      for (const text of [...entry.examples[language], ...entry.keywords[language]]) {
        utterances.push({ entryId: entry.id, language, text });
      }
    }
  }
  return utterances;
}

export const PEER_NAMES = ["nlpjs", "minisearch", "fuse", "logistic"] as const;
export type PeerName = (typeof PEER_NAMES)[number];

export function isPeerName(name: string): name is PeerName {
  return (PEER_NAMES as readonly string[]).includes(name);
}
