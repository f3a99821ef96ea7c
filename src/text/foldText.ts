import { normalizeText } from "./normalizeText.js";

/**
 * Folds text to the form every comparison uses: normalised (normalizeText: no invisible characters,
 * one kind of space, dash and apostrophe), lower case, no accents, apostrophes and elisions split
 * ("l'allerta" -> "l allerta"), emoji and punctuation turned into spaces.
 * Digits are kept: they carry house numbers, plates and phone numbers that some rules look at.
 * Text written only in Latin-1 (ASCII and the accented letters of Italian and its neighbours: nearly
 * every message) is folded in one pass over its characters, by a table the rules themselves filled
 * (foldLatin1); any other text by the rules, step by step. Both give the same result.
 */
export function foldText(text: string): string {
  return foldLatin1(text) ?? foldByRules(text);
}

/** The rules, step by step: normalise, decompose, drop accents, lower case, one space between words. */
export function foldByRules(text: string): string {
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

const SPACE = 0x20;

/**
 * What each Latin-1 character folds to, found by folding it alone by the rules: its letters and
 * digits with SPACE for each separator (a soft hyphen folds to nothing: it is removed, not a
 * separator), or undefined when it folds to something outside Latin-1 ("µ" becomes Greek "μ"),
 * which sends the text to the rules. Folding is character by character for Latin-1 text: NFKC
 * composes nothing there (no combining marks; a decomposition such as "¨" -> space + mark puts its
 * mark after a space), and lower case has no context in Latin-1.
 */
const LATIN1: ReadonlyArray<readonly number[] | undefined> = Array.from({ length: 256 }, (_, code) => {
  const out: number[] = [];
  for (const char of normalizeText(String.fromCharCode(code)).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()) {
    const c = char.codePointAt(0)!;
    if (!/[\p{L}\p{N}@*]/u.test(char)) out.push(SPACE);
    else if (c > 0xff) return undefined;
    else out.push(c);
  }
  return out;
});

/** The most characters one Latin-1 character folds to. */
const LONGEST_FOLD = LATIN1.reduce((most: number, folded) => Math.max(most, folded?.length ?? 0), 1);

/**
 * foldByRules for text whose every character is Latin-1 and folds within it, in one pass through
 * the table; undefined for any other text.
 */
export function foldLatin1(text: string): string | undefined {
  const out = Buffer.allocUnsafe(text.length * LONGEST_FOLD);
  let length = 0;
  let separated = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return undefined;
    const folded = LATIN1[code];
    if (folded === undefined) return undefined;
    for (const c of folded) {
      if (c === SPACE) {
        separated = true;
        continue;
      }
      if (separated && length > 0) out[length++] = SPACE;
      separated = false;
      out[length++] = c;
    }
  }
  return out.toString("latin1", 0, length);
}
