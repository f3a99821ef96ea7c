import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createPeer } from "../../scripts/peers/createPeer.js";
import { charWbGrams, wordGrams } from "../../scripts/peers/ngramVectorizer.js";
import { PEER_NAMES, trainingUtterances, type PeerClassifier, type PeerName } from "../../scripts/peers/peerClassifier.js";
import { peerAnswer } from "../../scripts/peers/peerReply.js";
import { KNOWLEDGE_DIR, realBundle } from "../support/realKnowledge.js";
import { seen, testBot, turn } from "../support/testBot.js";

const bundle = realBundle("cento");
const mezzago = realBundle("mezzago");
const pooled = [...bundle.knowledge.entries, ...mezzago.knowledge.entries];
const topicOf = (entryId: string | null) => bundle.knowledge.entries.find((e) => e.id === entryId)?.topic ?? "fallback";

const OBVIOUS: ReadonlyArray<readonly [string, string]> = [
  ["mi hanno rubato la bicicletta", "redirect.crime"],
  ["c'è una buca enorme in strada", "redirect.report"],
  ["grazie mille", "chat.thanks"],
];

describe.each(PEER_NAMES)("the %s peer, trained on Cento's knowledge", (name: PeerName) => {
  let peer: PeerClassifier;
  beforeAll(async () => {
    peer = await createPeer(name, { entries: bundle.knowledge.entries, pooled });
  }, 60_000);

  it.each(OBVIOUS)("routes %j to %s", async (text, topic) => {
    expect(topicOf(await peer.predict(text, "it"))).toBe(topic);
  });
});

describe("what the peers learn from", () => {
  it("is every example and keyword of the shared corpus, merged into the comune's entries as the bot reads them", () => {
    const utterances = trainingUtterances(bundle.knowledge.entries);
    for (const language of ["it", "en"] as const) {
      const dir = join(KNOWLEDGE_DIR, "corpus", language);
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
        const corpus = parse(readFileSync(join(dir, file), "utf8")) as { entry: string; keywords?: string[]; batches?: Array<{ examples: string[] }> };
        if (!bundle.knowledge.entries.some((e) => e.id === corpus.entry)) continue;
        const mine = new Set(utterances.filter((u) => u.entryId === corpus.entry && u.language === language).map((u) => u.text));
        for (const text of [...(corpus.keywords ?? []), ...(corpus.batches ?? []).flatMap((b) => b.examples)]) {
          expect(mine.has(text), `${file} (${language}): ${text}`).toBe(true);
        }
      }
    }
  });
});

describe("the logistic-regression baseline", () => {
  it("cuts text as scikit-learn's char_wb 2–5 and word 1–2 analyzers do", () => {
    expect(charWbGrams("Ab")).toEqual([" a", "ab", "b ", " ab", "ab ", " ab "]);
    expect(charWbGrams("sì,  no")).toEqual([" s", "sì", "ì,", ", ", " sì", "sì,", "ì, ", " sì,", "sì, ", " sì, ", " n", "no", "o ", " no", "no ", " no "]);
    expect(wordGrams("Ciao, a tutti i cittadini!")).toEqual(["ciao", "tutti", "cittadini", "ciao tutti", "tutti cittadini"]);
  });

  it("answers each comune only with entries it has, trained once on both", { timeout: 60_000 }, async () => {
    const centoOnly = bundle.knowledge.entries.filter((e) => !mezzago.knowledge.entries.some((m) => m.id === e.id));
    expect(centoOnly.length).toBeGreaterThan(0);
    const peer = await createPeer("logistic", { entries: mezzago.knowledge.entries, pooled });
    const texts = centoOnly.flatMap((e) => e.examples.it.slice(0, 5));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      const answered = await peer.predict(text, "it");
      expect(answered === null || mezzago.knowledge.entries.some((e) => e.id === answered)).toBe(true);
    }
  });

  it("imports nothing of the bot's routing or text handling: it stays an independent yardstick", () => {
    for (const file of ["logisticPeer.ts", "logisticRegression.ts", "ngramVectorizer.ts"]) {
      const source = readFileSync(resolve(import.meta.dirname, "../../scripts/peers", file), "utf8");
      const imports = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]!);
      expect(imports.filter((i) => /src\/(routing|text)\//.test(i)), file).toEqual([]);
    }
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
