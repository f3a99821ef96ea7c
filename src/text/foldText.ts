import { normalizeText } from "./normalizeText.js";

/**
 * Folds text to the form every comparison uses: normalised (normalizeText: no invisible characters,
 * one kind of space, dash and apostrophe), lower case, no accents, apostrophes and elisions split
 * ("l'allerta" -> "l allerta"), emoji and punctuation turned into spaces.
 * Digits are kept: they carry house numbers, plates and phone numbers that some rules look at.
 */
export function foldText(text: string): string {
  return normalizeText(text)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@*]+/gu, " ")
    .trim();
}

/** Splits folded text into words. */
export function splitWords(folded: string): string[] {
  return folded.length === 0 ? [] : folded.split(" ");
}
