import { beforeAll, describe, expect, it } from "vitest";
import { createPeer } from "../../scripts/peers/createPeer.js";
import { PEER_NAMES, type PeerClassifier, type PeerName } from "../../scripts/peers/peerClassifier.js";
import { peerAnswer } from "../../scripts/peers/peerReply.js";
import { realBundle } from "../support/realKnowledge.js";
import { seen, testBot, turn } from "../support/testBot.js";

const bundle = realBundle("cento");
const topicOf = (entryId: string | null) => bundle.knowledge.entries.find((e) => e.id === entryId)?.topic ?? "fallback";

const OBVIOUS: ReadonlyArray<readonly [string, string]> = [
  ["mi hanno rubato la bicicletta", "redirect.crime"],
  ["c'è una buca enorme in strada", "redirect.report"],
  ["grazie mille", "chat.thanks"],
];

describe.each(PEER_NAMES)("the %s peer, trained on Cento's knowledge", (name: PeerName) => {
  let peer: PeerClassifier;
  beforeAll(async () => {
    peer = await createPeer(name, bundle.knowledge.entries);
  });

  it.each(OBVIOUS)("routes %j to %s", async (text, topic) => {
    expect(topicOf(await peer.predict(text, "it"))).toBe(topic);
  });
});

describe("peerAnswer", () => {
  it("shows what the bot shows for the same entry", async () => {
    const { adapter, outcomes } = testBot("cento");
    const text = "mi hanno rubato la bicicletta";
    const botSays = seen(await turn(adapter, text));
    const entry = outcomes[0]?.entry ?? null;
    expect(entry).not.toBeNull();
    const answer = peerAnswer(bundle, text, "it-IT", entry);
    expect(answer.topic).toBe(outcomes[0]!.topic);
    expect(answer.reply).toBe(botSays);
  });

  it("answers an unknown entry with the fallback and its menu", () => {
    const answer = peerAnswer(bundle, "boh", "it-IT", null);
    expect(answer.topic).toBe("fallback");
    expect(answer.reply).toContain(bundle.composer.disclosure("it"));
    expect(answer.reply).toContain(`[${bundle.composer.menu("it").items[0]!.title}]`);
  });
});
