import type { Entry } from "../../src/knowledge/schema.js";
import { createFusePeer } from "./fusePeer.js";
import { createMiniSearchPeer } from "./miniSearchPeer.js";
import { createNlpjsPeer } from "./nlpjsPeer.js";
import type { PeerClassifier, PeerName } from "./peerClassifier.js";

/** Builds one peer trained on one comune's entries. */
export function createPeer(name: PeerName, entries: readonly Entry[]): Promise<PeerClassifier> {
  switch (name) {
    case "nlpjs":
      return createNlpjsPeer(entries);
    case "minisearch":
      return Promise.resolve(createMiniSearchPeer(entries));
    case "fuse":
      return Promise.resolve(createFusePeer(entries));
  }
}
