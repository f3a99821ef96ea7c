import Fuse from "fuse.js";
import type { Entry } from "../../src/knowledge/schema.js";
import { trainingUtterances, type PeerClassifier } from "./peerClassifier.js";

/**
 * Plain Fuse.js with its default options over the utterances: the entry of the closest utterance
 * answers; no result (nothing within Fuse's default threshold) means not understood.
 */
export function createFusePeer(entries: readonly Entry[]): PeerClassifier {
  const utterances = trainingUtterances(entries);
  const fuse = new Fuse(utterances.map((u) => u.text));
  return {
    async predict(text) {
      const [best] = fuse.search(text);
      return best ? utterances[best.refIndex]!.entryId : null;
    },
  };
}
