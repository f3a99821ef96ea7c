import { PLACEHOLDER_TEXTS } from "./placeholders.js";

export type TokenKind = "word" | "number" | "placeholder" | "mark";

/** One piece of a normalised message; whitespace is no token but is told by `space`. */
export interface Token {
  readonly kind: TokenKind;
  /** as written; a word keeps the dot of an initial or an abbreviation ("M.", "sig.", "n.") */
  readonly text: string;
  /** words: lower case, no accents, no trailing dot; empty for anything else */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** the whitespace before this token: "" none, " " spaces only, "\n" a line break among it */
  readonly space: "" | " " | "\n";
}

/** Abbreviations that keep their dot, so that it does not end a sentence: "sig. Rossi", "n. 12". */
const ABBREVIATIONS = new Set([
  "sig", "sig.ra", "sig.na", "sigg", "dott", "dott.ssa", "dr", "avv", "ing", "prof", "prof.ssa", "geom", "rag", "mr", "mrs",
  "ms", "st", "loc", "n", "nr", "num", "v.le", "p.zza", "p.za", "p.le", "c.so", "v.lo", "c.da", "f.to", "f.lli", "sr", "jr",
]);

const LETTER = /\p{L}/u;
const ASCII = /^[\0-\x7F]*$/;
const MARK = /\p{M}/u;

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCodePoint(text.codePointAt(i) ?? 0));
}

function isMarkAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x300 && MARK.test(String.fromCodePoint(text.codePointAt(i) ?? 0));
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Code units taken by the character at i (2 for a surrogate pair). */
function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/** Lower case, accents off, trailing dots off: how words are looked up in lists. */
export function wordKey(word: string): string {
  // Plain ASCII (most words) has no accent to take off: decomposing it would copy it twice for nothing.
  let key = ASCII.test(word) ? word.toLowerCase() : word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  let end = key.length;
  while (end > 0 && key[end - 1] === ".") end--;
  if (end < key.length) key = key.slice(0, end);
  return key;
}

/**
 * Splits normalised text (normalizeText) into words, digit runs, placeholders and single marks in
 * one pass. A word runs over letters and accents, and over an apostrophe, a dot or a hyphen between
 * letters ("dell'URP", "F.lli", "Emilia-Romagna"). Linear in the length of the text.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let space: Token["space"] = "";
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, key = "") => {
    tokens.push({ kind, text: text.slice(start, end), key, start, end, space });
    space = "";
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      if (space === "") space = " ";
      i++;
    } else if (c === 10 || c === 13) {
      space = "\n";
      i++;
    } else if (isDigitAt(text, i)) {
      const start = i;
      while (i < text.length && isDigitAt(text, i)) i++;
      push("number", start, i);
    } else if (c === 91 /* [ */ && placeholderAt(text, i) > 0) {
      const length = placeholderAt(text, i);
      push("placeholder", i, i + length);
      i += length;
    } else if (isLetterAt(text, i)) {
      const start = i;
      i = wordEnd(text, i);
      let end = i;
      if (text[end] === "." && (end - start === 1 || ABBREVIATIONS.has(wordKey(text.slice(start, end))))) end++;
      i = end;
      push("word", start, end, wordKey(text.slice(start, end)));
    } else {
      const width = widthAt(text, i);
      push("mark", i, i + width);
      i += width;
    }
  }
  return tokens;
}

function wordEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && (isLetterAt(text, i) || isMarkAt(text, i))) i += widthAt(text, i);
    const c = text[i];
    if ((c === "'" || c === "." || c === "-") && i + 1 < text.length && isLetterAt(text, i + 1)) i++;
    else return i;
  }
}

function placeholderAt(text: string, i: number): number {
  for (const placeholder of PLACEHOLDER_TEXTS) if (text.startsWith(placeholder, i)) return placeholder.length;
  return 0;
}
