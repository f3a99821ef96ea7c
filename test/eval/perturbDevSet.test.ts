import { describe, expect, it } from "vitest";
import {
  DEFAULT_PERTURB_OPTIONS,
  DEV_SET,
  MIN_TYPO_LETTERS,
  applyTypo,
  mulberry32,
  perturbSet,
  readJsonl,
  stripAccentsAndPunctuation,
  type LabelledItem,
} from "../../scripts/perturbDevSet.js";

const WORDS = ["buca", "strada", "comune", "segnalazione", "grazie", "orari", "pagina", "facebook", "modulo", "domanda", "il", "di", "per", "una", "x"];

/** A synthetic set of lowercase, accent-free sentences, so that every change is a typo or capitals. */
function syntheticSet(count: number): LabelledItem[] {
  const random = mulberry32(99);
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    comune: "cento",
    locale: "it",
    topic: "redirect.report",
    must: [["urp"]],
    must_not: ["mezzago"],
    text: Array.from({ length: 8 }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(" "),
  }));
}

describe("perturbSet", () => {
  const dev = readJsonl(DEV_SET);

  it("gives the same copy for the same seed and another for another seed", () => {
    expect(perturbSet(dev, { seed: 7 })).toEqual(perturbSet(dev, { seed: 7 }));
    expect(perturbSet(dev, { seed: 8 }).map((it) => it.text)).not.toEqual(perturbSet(dev, { seed: 7 }).map((it) => it.text));
  });

  it("keeps every field but the text", () => {
    const perturbed = perturbSet(dev);
    expect(perturbed).toHaveLength(dev.length);
    perturbed.forEach((item, i) => {
      const { text: _perturbedText, ...rest } = item;
      const { text: _originalText, ...original } = dev[i]!;
      expect(rest).toEqual(original);
    });
  });

  it("removes accents and punctuation from every message", () => {
    for (const item of perturbSet(dev)) {
      expect(item.text).not.toMatch(/\p{P}/u);
      expect(item.text.normalize("NFKD")).not.toMatch(/\p{M}/u);
    }
  });

  it("writes exactly one message in four in capitals", () => {
    const items = syntheticSet(400);
    const inCapitals = perturbSet(items).filter((it) => it.text === it.text.toUpperCase());
    expect(inCapitals).toHaveLength(Math.round(items.length * DEFAULT_PERTURB_OPTIONS.capitalsShare));
  });

  it("slips about 15% of the words of four or more letters, and never a shorter word", () => {
    const items = syntheticSet(500);
    let long = 0;
    let changed = 0;
    perturbSet(items).forEach((item, i) => {
      const before = items[i]!.text.split(" ");
      const after = item.text.toLowerCase().split(" ");
      expect(after).toHaveLength(before.length);
      before.forEach((word, j) => {
        if (word.length < MIN_TYPO_LETTERS) {
          expect(after[j]).toBe(word);
          return;
        }
        long++;
        if (after[j] !== word) changed++;
      });
    });
    expect(changed / long).toBeGreaterThan(0.12);
    expect(changed / long).toBeLessThan(0.18);
  });
});

describe("stripAccentsAndPunctuation", () => {
  it.each([
    ["perché c'è una buca?", "perche ce una buca"],
    ["ciao,grazie!!", "ciao grazie"],
    ["l'ufficio è chiuso...", "lufficio e chiuso"],
  ])("%j becomes %j", (text, plain) => {
    expect(stripAccentsAndPunctuation(text)).toBe(plain);
  });
});

describe("applyTypo", () => {
  const random = mulberry32(1);
  it.each([
    ["drop", -1],
    ["double", 1],
    ["swap", 0],
  ] as const)("%s changes the word's length by %i", (typo, delta) => {
    for (const word of ["buca", "strada", "segnalazione"]) {
      const slipped = applyTypo(word, typo, random);
      expect(slipped).not.toBe(word);
      expect(slipped.length - word.length).toBe(delta);
      if (typo === "swap") expect([...slipped].sort().join("")).toBe([...word].sort().join(""));
    }
  });
});
