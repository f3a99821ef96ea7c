import nameWords from "./nameWords.json" with { type: "json" };

/** A stretch of the text to replace. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

interface Word {
  /** as written, with the dot of an initial or abbreviation ("M.", "sig.") */
  readonly text: string;
  /** lower case, no accents, no trailing dot; empty for a placeholder */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** what stands between the previous word and this one, sentence dots included */
  readonly gapBefore: string;
  readonly index: number;
}

const fold = (word: string) =>
  word
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/\.+$/, "");

const FIRST_NAMES = new Set(nameWords.firstNames.map(fold));
/** Names that are also ordinary words (Rosa, Serena, Massimo): names only when capitalised. */
const NAME_OR_WORD = new Set(nameWords.firstNamesThatAreWords.map(fold));
const ENDS_A_NAME = new Set(nameWords.wordsThatEndAName.map(fold));

/** Phrases after which the next words are a name whatever they look like. */
const EXPLICIT = [
  "mi chiamo", "mi chiamano", "si chiama", "si chiamava", "ci chiamiamo", "il mio nome e", "mio nome e",
  "my name is", "my name's", "sottoscritto", "sottoscritta", "io sottoscritto", "io sottoscritta",
].map((p) => p.split(" "));
/** Form labels followed by a colon: "Richiedente: Mario Rossi". */
const LABELS = [
  "richiedente", "nome", "cognome", "nome e cognome", "cognome e nome", "nominativo", "firmato", "firma", "mittente",
  "segnalante", "dichiarante", "intestatario", "intestataria", "name", "full name", "signed", "from", "da",
].map((p) => p.split(" "));
/** Self-introductions: the next word is a name when it is a known first name or capitalised. */
const INTRODUCTIONS = ["sono", "qui e", "mio figlio", "mia figlia", "mio marito", "mia moglie", "mio padre", "mia madre",
  "mio fratello", "mia sorella", "mio nipote", "mia nipote", "mia mamma", "mio papa", "il mio vicino", "la mia vicina",
].map((p) => p.split(" "));
/** English introductions: "I'm Italian" is not a name, so a known name or two capitalised words. */
const ENGLISH_INTRODUCTIONS = ["i'm", "im", "i am", "this is", "my son", "my daughter", "my wife", "my husband"].map((p) => p.split(" "));
/** Titles; an abbreviation with a dot ("sig. rossi") is followed by a name even in lower case. */
const TITLES = new Set([
  "sig", "sig.ra", "sig.na", "sigg", "signor", "signore", "signora", "signorina", "dott", "dott.ssa", "dottor", "dottore",
  "dottoressa", "dr", "avv", "avvocato", "ing", "prof", "prof.ssa", "professore", "professoressa", "geom", "rag", "mr",
  "mrs", "ms", "miss",
]);
/** Closing formulas: the words after them, to the end of the message, are a signature. */
const CLOSINGS = [
  "grazie", "grazie mille", "grazie ancora", "grazie in anticipo", "grazie anticipatamente", "cordiali saluti",
  "distinti saluti", "saluti", "un saluto", "buona giornata", "buona serata", "cordialmente", "in fede", "a presto",
  "thanks", "thank you", "many thanks", "thanks a lot", "regards", "best regards", "kind regards", "best wishes", "best",
  "cheers", "sincerely", "yours sincerely",
].map((p) => p.split(" "));
/** Words that make the next known first name a place or a saint: San Giovanni, Santa Lucia, via Mario Rossi. */
const NOT_A_PERSON_BEFORE = new Set(["san", "santa", "santo", "sant", "s", "via", "viale", "piazza", "corso", "vicolo", "ospedale", "chiesa", "scuola", "istituto", "teatro", "papa"]);
const PARTICLES = new Set(["de", "di", "del", "della", "da", "dal", "dalla", "dalle", "lo", "la", "van", "von", "d'", "mc"]);
const MAX_NAME_WORDS = 4;

const WORD = /\p{L}[\p{L}\p{M}'’.\-]*/gu;

/**
 * Finds the names of people in a message: after "mi chiamo", "sono", "Richiedente:", a title or a
 * closing formula, and any known first name with the capitalised surname that follows it.
 */
export function findNames(text: string): Span[] {
  const words = tokenize(text);
  const shouting = isShouting(text);
  const spans: Span[] = [];
  const take = (from: number, mode: NameMode, onlyIfLast = false): void => {
    const length = nameLength(words, from, mode, shouting);
    if (length === 0 || (onlyIfLast && from + length !== words.length)) return;
    spans.push({ start: words[from]!.start, end: words[from + length - 1]!.end });
  };

  for (let i = 0; i < words.length; i++) {
    const after = (phrases: string[][]) => phraseEndingAt(words, i, phrases);
    if (after(EXPLICIT)) take(i + 1, "explicit");
    else if (after(LABELS) && /^\s*:\s*$/.test(words[i + 1]?.gapBefore ?? "")) take(i + 1, "explicit");
    else if (TITLES.has(words[i]!.key)) take(i + 1, /\.$/.test(words[i]!.text) ? "explicit" : "introduced");
    else if (after(INTRODUCTIONS)) take(i + 1, "introduced");
    else if (after(ENGLISH_INTRODUCTIONS)) take(i + 1, "english");
    // A signature ends the message: "…Cordiali saluti, Giada Ferioli".
    if (after(CLOSINGS)) take(i + 1, "signature", true);
  }
  for (let i = 0; i < words.length; i++) {
    if (!NOT_A_PERSON_BEFORE.has(words[i - 1]?.key ?? "") || !onlySpaces(words[i]!.gapBefore)) take(i, "known");
  }
  return spans;
}

type NameMode = "explicit" | "introduced" | "english" | "signature" | "known";

/** How many words from `from` make a name in this context (0: none). */
function nameLength(words: readonly Word[], from: number, mode: NameMode, shouting: boolean): number {
  const first = words[from];
  if (!first) return 0;
  // An introduction and its name stand side by side: "sono, Marco" is not "sono Marco".
  if ((mode === "introduced" || mode === "english") && !onlySpaces(first.gapBefore)) return 0;
  const capitalised = (w: Word) => (shouting ? !ENDS_A_NAME.has(w.key) && /^\p{L}+$/u.test(w.text) : isCapitalised(w.text));
  const known = (w: Word) => FIRST_NAMES.has(w.key) && (!NAME_OR_WORD.has(w.key) || capitalised(w));
  if (first.key === "" || ENDS_A_NAME.has(first.key)) return 0;

  let starts: boolean;
  switch (mode) {
    case "explicit":
      starts = true;
      break;
    case "introduced":
    case "signature":
      // "SONO ENTRATI I LADRI": words in capitals start a name only when they are a known first name.
      starts = known(first) || (!shouting && isTitleCase(first.text));
      break;
    case "english":
      starts = known(first) || (isTitleCase(first.text) && words[from + 1] !== undefined && onlySpaces(words[from + 1]!.gapBefore) && capitalised(words[from + 1]!));
      break;
    case "known":
      starts = known(first) && (!NAME_OR_WORD.has(first.key) || !startsSentence(first) || followedByCapitalised(words, from, capitalised));
      break;
  }
  if (!starts) return 0;

  let length = 1;
  while (length < MAX_NAME_WORDS) {
    const next = words[from + length];
    if (!next || next.key === "" || !onlySpaces(next.gapBefore)) break;
    if (ENDS_A_NAME.has(next.key) && !PARTICLES.has(next.key)) break;
    if (PARTICLES.has(next.key)) {
      const after = words[from + length + 1];
      if (!after || !onlySpaces(after.gapBefore) || !capitalised(after)) break;
      length += 2;
      continue;
    }
    // After "mi chiamo" a lower-case surname is still a surname; elsewhere it must look like one.
    const lowerCaseAllowed = mode === "explicit" && length < 2;
    if (capitalised(next) || FIRST_NAMES.has(next.key) || lowerCaseAllowed) length++;
    else break;
  }
  return Math.min(length, MAX_NAME_WORDS);
}

function tokenize(text: string): Word[] {
  const words: Word[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    let raw = match[0].replace(/-+$/, "");
    // A trailing dot belongs to initials and titles ("M.", "sig."); anywhere else it ends a sentence.
    const bare = raw.replace(/\.+$/, "");
    if (bare !== raw && !/^\p{L}$/u.test(bare) && !TITLES.has(fold(bare))) raw = bare;
    // A placeholder ("[nome]") is no word: it never starts nor continues a name.
    const placeholder = text[match.index - 1] === "[";
    words.push({
      text: raw,
      key: placeholder ? "" : fold(raw),
      start: match.index,
      end: match.index + raw.length,
      gapBefore: text.slice(previousEnd, match.index),
      index: words.length,
    });
    previousEnd = match.index + raw.length;
  }
  return words;
}

/** The words i-k..i spell one of the phrases. */
function phraseEndingAt(words: readonly Word[], i: number, phrases: readonly string[][]): boolean {
  return phrases.some((phrase) => {
    const start = i - phrase.length + 1;
    if (start < 0) return false;
    return phrase.every((part, k) => words[start + k]!.key === part && (k === 0 || onlySpaces(words[start + k]!.gapBefore)));
  });
}

function onlySpaces(gap: string): boolean {
  return /^[ \t]+$/.test(gap);
}

/** "Bernardi", "D'Angelo", "M." */
function isTitleCase(word: string): boolean {
  return /^\p{Lu}(\p{Ll}|['’]\p{Lu}|\.?$)/u.test(word);
}

/** Title case, or a surname in capitals as forms ask for ("Mario ROSSI"). */
function isCapitalised(word: string): boolean {
  return isTitleCase(word) || /^\p{Lu}{3,}$/u.test(word);
}

function startsSentence(word: Word): boolean {
  return word.index === 0 || /[.!?\n:]\s*$/.test(word.gapBefore);
}

function followedByCapitalised(words: readonly Word[], i: number, capitalised: (w: Word) => boolean): boolean {
  const next = words[i + 1];
  return next !== undefined && onlySpaces(next.gapBefore) && capitalised(next) && !ENDS_A_NAME.has(next.key);
}

/** Mostly capitals: capitalisation says nothing about names. */
function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  return letters.length >= 8 && upper / letters.length > 0.7;
}
