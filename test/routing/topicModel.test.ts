import { describe, expect, it } from "vitest";
import type { Entry } from "../../src/knowledge/schema.js";
import { TOPICS } from "../../src/knowledge/topics.js";
import { TopicModel } from "../../src/routing/topicModel.js";
import { buildLexicon } from "../../src/text/lexicon.js";
import { normalizeWords } from "../../src/text/lexicon.js";

const lexicon = buildLexicon({
  shorthand: {},
  stopwords: { it: ["il", "la", "di"], en: ["the"] },
  markers: { it: ["il"], en: ["the"] },
  synonyms: [],
  commands: { menu: ["menu"], italian: ["in italiano"], english: ["in inglese"] },
  hypothetical: { it: [], en: [] },
  followUps: { phone: [], email: [], address: [], website: [] },
  accountWords: [],
});

const entry = (id: string, topic: Entry["topic"], examples: string[]): Entry => ({
  id,
  topic,
  keywords: { it: [], en: [] },
  examples: { it: examples, en: [] },
  answer: { it: id, en: id },
  actions: [],
});
const many = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

// Two ways of writing one topic, each with enough examples to be learnt as a class of its own.
const FIRE = entry("fire", "redirect.emergency", many(24, (i) => `fumo nero e fiamme dal tetto numero ${i}`));
const FALL = entry("fall", "redirect.emergency", many(24, (i) => `nonna caduta per terra non si alza ${i}`));
const HOURS = entry("hours", "policy.hours", many(24, (i) => `a che ora risponde la pagina ${i}`));
const probabilityOf = (model: TopicModel, topic: string, text: string) => model.probabilities(normalizeWords(text, lexicon))[TOPICS.indexOf(topic as never)]!;

describe("TopicModel", () => {
  it("learns a well-learnt entry as a class of its own, and gives each topic the sum of its classes", () => {
    const model = TopicModel.forEntries([FIRE, FALL, HOURS], lexicon, undefined);
    expect(model.classes).toBe(3);
    const probabilities = model.probabilities(normalizeWords("fiamme dal tetto", lexicon));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(probabilityOf(model, "redirect.emergency", "fiamme dal tetto")).toBeGreaterThan(0.5);
    expect(probabilityOf(model, "redirect.emergency", "caduta per terra")).toBeGreaterThan(0.5);
  });

  it("lets small entries share their topic's class, so that a thousand entries do not make a thousand classes", () => {
    const small = many(1_000, (i) => entry(`local-${i}`, i % 2 === 0 ? "policy.content" : "redirect.info", [`parola${i} qualcosa`, `altra${i} cosa`]));
    const model = TopicModel.forEntries([FIRE, FALL, HOURS, ...small], lexicon, undefined);
    expect(model.classes).toBe(5);
    expect(probabilityOf(model, "policy.content", "parola10 qualcosa")).toBeGreaterThan(probabilityOf(model, "redirect.info", "parola10 qualcosa"));
  });
});
