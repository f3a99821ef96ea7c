import MiniSearch from "minisearch";
import type { Entry } from "../../src/knowledge/schema.js";
import { trainingUtterances, type PeerClassifier } from "./peerClassifier.js";

/** Lower case without accents, so "perché" in an example meets "perche" in a message. */
function foldTerm(term: string): string {
  return term.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * MiniSearch (BM25) over the utterances: the entry of the best-scoring utterance answers; no hit at
 * all means not understood. Search options are the ones MiniSearch's README suggests for typing
 * mistakes (fuzzy 0.2, prefix), with accents folded.
 */
export function createMiniSearchPeer(entries: readonly Entry[]): PeerClassifier {
  const search = new MiniSearch<{ id: number; text: string; entryId: string }>({
    fields: ["text"],
    storeFields: ["entryId"],
    processTerm: foldTerm,
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  search.addAll(trainingUtterances(entries).map((u, id) => ({ id, text: u.text, entryId: u.entryId })));
  return {
    async predict(text) {
      const [best] = search.search(text);
      return best ? String(best["entryId"]) : null;
    },
  };
}
