import { StemmerIt } from "@nlpjs/lang-it";
import { StemmerEn } from "@nlpjs/lang-en-min";

export type Language = "it" | "en";
export const LANGUAGES: readonly Language[] = Object.freeze(["it", "en"]);

const stemmers = { it: new StemmerIt(), en: new StemmerEn() };
const cache = { it: new Map<string, string>(), en: new Map<string, string>() };
const CACHE_LIMIT = 50_000;

/** Snowball stem of one folded word; short words and numbers are kept as they are. */
export function stemWord(word: string, language: Language): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  const memo = cache[language];
  const known = memo.get(word);
  if (known !== undefined) return known;
  const stem = stemmers[language].stem(word);
  // The cache only saves work: dropping it when it is full keeps memory bounded.
  if (memo.size >= CACHE_LIMIT) memo.clear();
  memo.set(word, stem);
  return stem;
}
