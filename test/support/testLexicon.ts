import { buildLexicon, type Lexicon, type LexiconSource } from "../../src/text/lexicon.js";

/**
 * A lexicon with nothing in it but what a test gives (stop words, shorthand…) and the commands and
 * follow-up words every lexicon must have: for tests of one routing part, free of the real lexicon's
 * choices.
 */
export function testLexicon(overrides: Partial<LexiconSource> = {}): Lexicon {
  return buildLexicon({
    shorthand: {},
    stopwords: { it: [], en: [] },
    markers: { it: [], en: [] },
    synonyms: [],
    commands: { menu: ["menu"], italian: ["in italiano"], english: ["in inglese"] },
    hypothetical: { it: [], en: [] },
    followUps: { phone: ["numero"], email: ["mail"], address: ["dove"], website: ["sito"] },
    accountWords: [],
    ...overrides,
  });
}
