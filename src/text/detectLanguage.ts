import type { Lexicon } from "./lexicon.js";
import type { Language } from "./stemWord.js";

/**
 * The language a message is clearly written in, from its function words; undefined when it is too
 * short or too mixed to tell (then the conversation's or the channel's language decides).
 */
export function detectLanguage(words: readonly string[], lexicon: Lexicon): Language | undefined {
  let it = 0;
  let en = 0;
  for (const word of words) {
    if (lexicon.markers.it.has(word)) it++;
    if (lexicon.markers.en.has(word)) en++;
  }
  if (it + en < 2) return undefined;
  if (it >= en * 2 && it - en >= 2) return "it";
  if (en >= it * 2 && en - it >= 2) return "en";
  return undefined;
}
