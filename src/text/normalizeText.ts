/**
 * Characters that change nothing a reader sees but split a word for a program: soft hyphen, the
 * zero-width characters, word joiner, BOM, bidi controls, variation selectors, Hangul fillers, tags
 * and every other format character. Removed, not turned into spaces: "ru\u200Bbato" is "rubato".
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu;
/** Spaces of every width (NBSP, narrow NBSP, ideographic space …), tabs, line and paragraph separators. */
const SPACES = /[\p{Zs}\t\u2028\u2029]/gu;
/** Control characters other than the line breaks that give a message its layout. */
const CONTROLS = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g;
const LINE_BREAKS = /\r\n?/g;
/** Hyphens and dashes of every kind, and the minus sign, as the one hyphen-minus keyboards type. */
const DASHES = /[\p{Pd}\u2212]/gu;
/** Apostrophes and the characters typed for one: typographic quotes, modifier letters, primes, backtick. */
const ACUTE_ACCENT = /\u00B4/g;
const APOSTROPHES = /[`\u02B9\u02BB\u02BC\u02BD\u02C8\u2018\u2019\u201A\u201B\u2032\u2035\uA78B\uA78C]/g;

/**
 * The one form in which citizens' text is compared and searched, by routing and by redaction alike:
 * NFKC (full-width letters and digits, ligatures, compatibility spaces become their plain forms),
 * invisible characters removed, every kind of space, dash and apostrophe turned into the plain one,
 * line breaks kept as "\n" and other control characters turned into spaces. Case and accents are
 * kept: folding them is for matching (foldText), not for what a person reads.
 * Idempotent, and linear in the length of the text: each step is one pass without backtracking.
 */
export function normalizeText(text: string): string {
  return UNCHANGED.test(text) ? text : normalizeByRules(text);
}

/**
 * Text made only of characters no step changes, wherever they stand: printable ASCII but the backtick,
 * the line feed, and Latin-1's letters (À to ÿ, with × and ÷), which NFKC keeps and nothing composes
 * with. Most messages are; they need none of the passes below.
 */
const UNCHANGED = /^[\n\x20-\x5F\x61-\x7E\u00C0-\u00FF]*$/;

/** normalizeText step by step, whatever the text (exported for the test that holds the shortcut to it). */
export function normalizeByRules(text: string): string {
  return (
    text
      // NFKC would turn an acute accent typed as an apostrophe into a space and a combining accent.
      .replace(ACUTE_ACCENT, "'")
      .normalize("NFKC")
      .replace(INVISIBLE, "")
      .replace(LINE_BREAKS, "\n")
      .replace(CONTROLS, " ")
      .replace(SPACES, " ")
      .replace(DASHES, "-")
      .replace(APOSTROPHES, "'")
      // Removing an invisible character can bring a letter and a combining accent together.
      .normalize("NFC")
  );
}
