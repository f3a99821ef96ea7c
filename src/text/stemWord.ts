import { StemmerIt } from "@nlpjs/lang-it";
import { StemmerEn } from "@nlpjs/lang-en-min";
import { detachedCopy } from "./detachedCopy.js";

export type Language = "it" | "en";
export const LANGUAGES: readonly Language[] = Object.freeze(["it", "en"]);

const stemmers = { it: new StemmerIt(), en: new StemmerEn() };
const cache = { it: new Map<string, string>(), en: new Map<string, string>() };
const CACHE_LIMIT = 50_000;
/**
 * No word of either language is this long (the knowledge's longest has about 20 letters): a longer
 * "word" is a run of letters pasted or typed to stall the bot, kept as it is and never remembered.
 */
export const LONGEST_STEMMED_WORD = 64;

/** Snowball stem of one folded word; short words, numbers and runs longer than any word are kept as they are. */
export function stemWord(word: string, language: Language): string {
  if (word.length <= 3 || word.length > LONGEST_STEMMED_WORD || /^\d+$/.test(word)) return word;
  const memo = cache[language];
  const known = memo.get(word);
  if (known !== undefined) return known;
  const stem = stemmers[language].stem(word);
  // The cache only saves work: dropping it when it is full keeps memory bounded. Its strings are
  // copies, so that a remembered word never keeps the message it came from in memory.
  if (memo.size >= CACHE_LIMIT) memo.clear();
  memo.set(detachedCopy(word), detachedCopy(stem));
  return stem;
}
