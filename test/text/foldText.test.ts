import { describe, expect, it } from "vitest";
import { foldText } from "../../src/text/foldText.js";
import { normalizeWords, buildLexicon } from "../../src/text/lexicon.js";

const lexicon = buildLexicon({
  shorthand: { x: "per", nn: "non", xké: "perché", pls: "please", cmq: "comunque" },
  stopwords: { it: ["il"], en: ["the"] },
  markers: { it: ["il"], en: ["the"] },
  synonyms: [["denuncia", "esposto", "querela"], ["lampione", "luce pubblica"]],
  commands: { menu: ["menu"], italian: ["in italiano"], english: ["in inglese"] },
  hypothetical: { it: ["in caso di"], en: ["during"] },
  followUps: { phone: ["numero"], email: ["mail"], address: ["dove si trova"], website: ["sito"] },
  accountWords: ["pagina"],
});

describe("foldText", () => {
  it.each([
    ["Perché È così?", "perche e cosi"],
    ["l'allerta dell’ufficio", "l allerta dell ufficio"],
    ["AIUTO!!! 🔥🔥 c'è fumo", "aiuto c e fumo"],
    ["via Roma 12, 20883", "via roma 12 20883"],
  ])("folds %j to %j", (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe("normalizeWords", () => {
  it.each([
    ["x la mensa nn ho capito", ["per", "la", "mensa", "non", "ho", "capito"]],
    ["xké cmq pls", ["perche", "comunque", "please"]],
    ["voglio fare un esposto", ["voglio", "fare", "un", "denuncia"]],
    ["la luce pubblica è spenta", ["la", "lampione", "e", "spenta"]],
  ])("normalizes %j", (input, expected) => {
    expect(normalizeWords(input, lexicon)).toEqual(expected);
  });
});
