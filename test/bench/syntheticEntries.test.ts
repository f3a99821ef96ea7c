import { describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/seededRandom.js";
import { inventedWords, knowledgeWords, syntheticEntries } from "../../bench/syntheticEntries.js";
import { entrySchema } from "../../src/knowledge/schema.js";
import { isSafetyTopic } from "../../src/knowledge/topics.js";
import { Router } from "../../src/routing/router.js";
import { realBundle } from "../support/realKnowledge.js";

const knowledge = realBundle("cento").knowledge;
const pool = [...knowledgeWords(knowledge.entries), ...inventedWords(500, seededRandom(1))];

describe("synthetic entries for the router benchmark", () => {
  it("are the same for the same count, pool and seed, and differ for another seed", () => {
    expect(syntheticEntries(50, { pool })).toEqual(syntheticEntries(50, { pool }));
    expect(syntheticEntries(50, { pool, seed: 2 })).not.toEqual(syntheticEntries(50, { pool }));
  });

  it("have distinct ids that no real entry uses", () => {
    const entries = syntheticEntries(2_000, { pool });
    const ids = new Set(entries.map((e) => e.id));
    expect(ids.size).toBe(2_000);
    for (const real of knowledge.entries) expect(ids.has(real.id)).toBe(false);
  });

  it("are valid knowledge entries and never carry a safety topic", () => {
    for (const entry of syntheticEntries(200, { pool })) {
      expect(entrySchema.safeParse(entry).success).toBe(true);
      expect(isSafetyTopic(entry.topic)).toBe(false);
      expect(entry.keywords.it.length).toBeGreaterThan(0);
      expect(entry.examples.it.length).toBeGreaterThan(0);
    }
  });

  it("leave a safety message to its safety entry among a thousand entries", () => {
    const entries = [...knowledge.entries, ...syntheticEntries(1_000 - knowledge.entries.length, { pool })];
    const router = new Router(entries, knowledge.lexicon);
    expect(router.route("stanotte mi hanno rubato la bicicletta, voglio fare denuncia").result.topic).toBe("redirect.crime");
  });
});

describe("invented words", () => {
  it("are distinct, lower-case letters only", () => {
    const words = inventedWords(1_000, seededRandom(7));
    expect(new Set(words).size).toBe(1_000);
    for (const word of words) expect(word).toMatch(/^[a-z]+$/);
  });
});
