import type { Language } from "../text/stemWord.js";

/**
 * Reply language, first rule that applies: the language chosen in this conversation; the language
 * the message is clearly written in; the channel's locale (it-IT, en-GB, ...); Italian.
 */
export function chooseLanguage(chosen: Language | undefined, detected: Language | undefined, locale: string | undefined): Language {
  if (chosen) return chosen;
  if (detected) return detected;
  const prefix = locale?.toLowerCase().slice(0, 2);
  if (prefix === "en" || prefix === "it") return prefix;
  return "it";
}
