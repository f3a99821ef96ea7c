import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText } from "../../src/text/foldText.js";
import { normalizeByRules, normalizeText } from "../../src/text/normalizeText.js";
import { realBundle } from "../support/realKnowledge.js";

describe("normalizeText", () => {
  it.each([
    // invisible characters go, they do not split the word
    ["incen\u00ADdio", "incendio"],
    ["ru\u200Bbato", "rubato"],
    ["fur\u200C\u200Dto", "furto"],
    ["aiu\u2060to\uFEFF", "aiuto"],
    ["\u202Eincendio\u202C", "incendio"],
    ["\u2066via Roma\u2069", "via Roma"],
    ["ciao\uFE0F", "ciao"],
    ["ab\u{E0041}c", "abc"],
    // full-width forms and compatibility characters
    ["ＩＮＣＥＮＤＩＯ ０５１", "INCENDIO 051"],
    ["mario＠gmail．com", "mario@gmail.com"],
    ["ﬁne", "fine"],
    // every space is a space, line breaks stay
    ["051\u00A0684\u202F3111", "051 684 3111"],
    ["a\u3000b\u2007c\tD", "a b c D"],
    ["riga\r\nriga\rriga\u2028fine", "riga\nriga\nriga fine"],
    ["a\u0007b\u001Bc\u0085d", "a b c d"],
    // dashes, hyphens and apostrophes as typed on a keyboard
    ["08.30\u201313.00 \u2014 051\u2010684\u20113111 \u22125", "08.30-13.00 - 051-684-3111 -5"],
    ["l\u2019ufficio dell\u2018URP, po\u00B4 l`altro", "l'ufficio dell'URP, po' l'altro"],
    // accents and case are kept: they are for the reader
    ["Perché È così?", "Perché È così?"],
    ["e\u0301", "é"],
  ])("normalizes %j to %j", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("is idempotent on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
        expect(once).not.toMatch(/[\p{Cf}\u00A0\u2028\u2029\r\t\u2013\u2014\u2019]/u);
      }),
      { numRuns: 500 },
    );
  });
});

describe("normalizeText's shortcut for text no step changes", () => {
  // Text of printable ASCII and Latin-1 letters is returned as it is; it must be what the rules give.
  const plain = fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0xc0, max: 0xff }).map((code) => String.fromCharCode(code)),
    fc.constantFrom("\n", "`", "\u00B4", "\u00A0", "\u00AD", "\r", "\t", "e\u0301", "\u2019", "ﬁ"),
  );

  it("gives what the rules give, whatever the characters", () => {
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 200 }), (pieces) => {
        const text = pieces.join("");
        expect(normalizeText(text)).toBe(normalizeByRules(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves every printable ASCII character but the backtick, and every Latin-1 letter, as it is", () => {
    const kept = Array.from({ length: 0x100 }, (_, code) => String.fromCharCode(code)).filter(
      (c) => (c >= " " && c <= "~" && c !== "`") || c >= "\u00C0" || c === "\n",
    );
    expect(kept).toHaveLength(159);
    expect(normalizeByRules(kept.join(""))).toBe(kept.join(""));
  });
});

describe("foldText builds on normalizeText", () => {
  it.each([
    ["incen\u00ADdio in via Roma", "incendio in via roma"],
    ["mi hanno ru\u200Bbato la bici", "mi hanno rubato la bici"],
    ["ＣＨＩＡＭＡＴＥ il ＶＩＧＩＬＥ", "chiamate il vigile"],
    ["tel. 051\u00A0684\u00A03111", "tel 051 684 3111"],
    ["l\u2019ufficio\u2011tributi", "l ufficio tributi"],
    ["perche\u00B4 no", "perche no"],
  ])("folds %j to %j", (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe("routing reads through invisible characters", () => {
  const { router } = realBundle("cento");
  const outcome = (text: string) => {
    const { result } = router.route(text);
    return { kind: result.kind, topic: result.topic };
  };

  it.each([
    ["c'è un incendio nel palazzo", "c'è un incen\u00ADdio nel palazzo"],
    ["mi hanno rubato la bici", "mi hanno ru\u200Bbato la bici"],
    ["mi hanno rubato la bici", "ＭＩ ＨＡＮＮＯ ＲＵＢＡＴＯ ＬＡ ＢＩＣＩ"],
    ["a che ora rispondete sulla pagina?", "a\u00A0che\u00A0ora rispondete sulla pagina?"],
  ])("%j and %j get the same answer", (clean, hidden) => {
    expect(outcome(clean).kind).toBe("answer");
    expect(outcome(hidden)).toEqual(outcome(clean));
  });
});
