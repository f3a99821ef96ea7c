import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageWords } from "../../src/routing/messageFeatures.js";
import { PhraseTrie } from "../../src/routing/phraseTrie.js";
import { Signal } from "../../src/routing/signalMatcher.js";
import { testLexicon } from "../support/testLexicon.js";

const lexicon = testLexicon();

// A small vocabulary so that random messages often carry signals, and partial ones.
const WORDS = ["mi", "hanno", "rubato", "rubata", "furto", "furti", "casa", "la", "non", "si", "alza", "caduta", "caduto", "è", "aiuto"];
const PHRASES = ["mi hanno rubato", "furt*", "non si alza", "è caduta", "caduto", "la casa", "mi", "aiuto aiuto", "hanno rubato la casa", "non si", "rub*"];

describe("PhraseTrie: many signals matched at once, as each matches alone", () => {
  it.each([1, 3])("finds at each start exactly the signals that match there (gap %i)", (gap) => {
    const signals = PHRASES.map((p) => Signal.compile(p, "it", lexicon, true, gap)!);
    const trie = new PhraseTrie<Signal>(gap);
    for (const s of signals) trie.add(s, s);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }), (message) => {
        const words = messageWords(message, lexicon);
        for (let start = 0; start < words.length; start++) {
          const found = new Set<Signal>();
          trie.matchAt(words, start, (s) => found.add(s));
          expect(signals.filter((s) => found.has(s)).map((s) => s.text)).toEqual(signals.filter((s) => s.matchesAt(words, start)).map((s) => s.text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("finds anywhere exactly the signals that match from a start not masked", () => {
    const signals = PHRASES.map((p) => Signal.compile(p, "it", lexicon)!);
    const trie = new PhraseTrie<number>(3);
    signals.forEach((s, i) => trie.add(s, i));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.boolean()), { maxLength: 60 }), (message) => {
        const words = messageWords(message.map(([w]) => w), lexicon);
        const mask = message.map(([, masked]) => masked);
        const found = new Set<number>();
        trie.matchAnywhere(words, (start) => !mask[start], (i) => found.add(i));
        expect([...found].sort((a, b) => a - b)).toEqual(signals.flatMap((s, i) => (s.matches(words, mask) ? [i] : [])));
      }),
      { numRuns: 300 },
    );
  });

  it("stays linear where every start reaches the same words in many ways", () => {
    const trie = new PhraseTrie<string>(3);
    trie.add(Signal.compile("mi mi mi mi mi mi mi x", "it", lexicon)!, "never");
    const words = messageWords(new Array<string>(60_000).fill("mi"), lexicon);
    const started = performance.now();
    trie.matchAnywhere(words, () => true, () => undefined);
    // Backtracking over every way to place seven words within gaps of three takes minutes here.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses a signal whose gap is not its own", () => {
    expect(() => new PhraseTrie<string>(1).add(Signal.compile("mi hanno rubato", "it", lexicon)!, "x")).toThrow(/words between/);
  });
});
