import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { foldByRules, foldLatin1, foldText, splitWords } from "../../src/text/foldText.js";
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

describe("foldText on Latin-1 text", () => {
  // Text written in Latin-1, short or long, is folded by a table in one pass (foldLatin1); it must fold exactly as the rules do.
  const latin1 = fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code));
  const piece = fc.oneof(latin1, fc.constantFrom("è ", "Perché ", "l'", "\r\n", "\u00AD", "¼ ", "\u00A0", "ñ", "  ", "¨a", "ª"));

  it("folds Latin-1 text in one pass as the rules do, whatever the characters", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), (pieces) => {
        const text = pieces.join("").replace(/µ/g, "u");
        expect(foldLatin1(text)).toBe(foldByRules(text));
        expect(foldText(text)).toBe(foldByRules(text));
      }),
      { numRuns: 500 },
    );
  });

  it("leaves to the rules what folds outside Latin-1, or is not Latin-1", () => {
    expect(foldLatin1("µ")).toBeUndefined();
    expect(foldLatin1("ru\u200Bbato")).toBeUndefined();
    const mixed = `${"la nonna è caduta ".repeat(20)}ＩＮＣＥＮＤＩＯ ﬁne ru\u200Bbato µ`;
    expect(foldText(mixed)).toBe(foldByRules(mixed));
    expect(foldText(mixed)).toContain("incendio fine rubato μ");
  });

  it("folds every Latin-1 character but µ as the rules do", () => {
    const every = Array.from({ length: 256 }, (_, c) => String.fromCharCode(c)).join(" x").replace("µ", "");
    expect(foldLatin1(every)).toBe(foldByRules(every));
  });
});

describe("normalizeWords remembers what each word becomes", () => {
  const split = (text: string) => {
    const words: string[] = [];
    let folded = foldText(text);
    for (const [phrase, canonical] of lexicon.synonymPhrases) {
      if (folded.includes(phrase)) folded = ` ${folded} `.split(` ${phrase} `).join(` ${canonical} `).trim();
    }
    for (const word of splitWords(folded)) for (const w of lexicon.shorthand.get(word) ?? [word]) words.push(lexicon.synonymWords.get(w) ?? w);
    return words;
  };

  it("gives what splitting and looking each word up gives, message after message", () => {
    const word = fc.oneof(fc.constantFrom("x", "nn", "xké", "esposto", "querela", "luce pubblica", "il", "Denuncia", "è", ""), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const text = words.join(" ");
        expect(normalizeWords(text, lexicon)).toEqual(split(text));
      }),
      { numRuns: 500 },
    );
  });

  it("still does after more distinct words than it keeps", () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `parola${i.toString(36)}`).join(" ");
    expect(normalizeWords(many, lexicon)).toEqual(split(many));
    expect(normalizeWords(`${many} nn x esposto`, lexicon).slice(-3)).toEqual(["non", "per", "denuncia"]);
  });
});
