import type { Entry } from "../../src/knowledge/schema.js";
import { createFusePeer } from "./fusePeer.js";
import { createLogisticPeer } from "./logisticPeer.js";
import { createMiniSearchPeer } from "./miniSearchPeer.js";
import { createNlpjsPeer } from "./nlpjsPeer.js";
import type { PeerClassifier, PeerName } from "./peerClassifier.js";

/** What a peer learns from. */
export interface PeerTraining {
  /** the comune's entries, with the shared corpus merged in, as loadKnowledge gives them to the bot */
  readonly entries: readonly Entry[];
  /** every comune's entries, for the baseline trained on all of knowledge/ (the same array every time: it is trained once) */
  readonly pooled: readonly Entry[];
}

/** Builds one peer for one comune. */
export function createPeer(name: PeerName, { entries, pooled }: PeerTraining): Promise<PeerClassifier> {
  switch (name) {
    case "nlpjs":
      return createNlpjsPeer(entries);
    case "minisearch":
      return Promise.resolve(createMiniSearchPeer(entries));
    case "fuse":
      return Promise.resolve(createFusePeer(entries));
    case "logistic":
      return Promise.resolve(createLogisticPeer(entries, pooled));
  }
}
