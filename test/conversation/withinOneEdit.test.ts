import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withinOneEdit } from "../../src/conversation/languageRequest.js";
import { editDistance } from "../../src/routing/typoCorrector.js";

/** Words of a few letters from a small alphabet, so that near misses are common. */
const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "è"), maxLength: 8 });
/** A word and the same word after one random edit, the kind of pair a typo makes. */
const typo = fc.tuple(word, fc.nat(), fc.constantFrom("add", "drop", "change", "swap"), fc.constantFrom("a", "b", "z")).map(([w, at, edit, letter]) => {
  const i = w.length === 0 ? 0 : at % w.length;
  switch (edit) {
    case "add":
      return [w, w.slice(0, i) + letter + w.slice(i)] as const;
    case "drop":
      return [w, w.slice(0, i) + w.slice(i + 1)] as const;
    case "change":
      return [w, w.slice(0, i) + letter + w.slice(i + 1)] as const;
    case "swap":
      return [w, w.slice(0, i) + w.slice(i + 1, i + 2) + w.slice(i, i + 1) + w.slice(i + 2)] as const;
  }
});

describe("withinOneEdit", () => {
  it("agrees with the router's edit distance on any two words", () => {
    fc.assert(fc.property(word, word, (a, b) => withinOneEdit(a, b) === editDistance(a, b) <= 1), { numRuns: 5_000 });
  });

  it("agrees with it on a word and its typo", () => {
    fc.assert(fc.property(typo, ([a, b]) => withinOneEdit(a, b) === editDistance(a, b) <= 1 && withinOneEdit(b, a) === withinOneEdit(a, b)), { numRuns: 5_000 });
  });

  it.each([
    ["inglese", "inglese", true],
    ["inglesee", "inglese", true],
    ["englsh", "english", true],
    ["ingelse", "inglese", true],
    ["inglise", "inglese", true],
    ["ingles", "inglesi", true],
    ["inglesse", "ingles", false],
    ["italiano", "italiana", true],
    ["italia", "italiana", false],
    ["ignlees", "inglese", false],
  ])("%s and %s: %s", (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(editDistance(a, b) <= 1).toBe(expected);
  });
});
