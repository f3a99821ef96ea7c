import nameWords from "./nameWords.json" with { type: "json" };
import type { Span } from "./spans.js";
import { tokenize, wordKey, type Token } from "./tokenize.js";

interface Word {
  /** as written, with the dot of an initial or abbreviation ("M.", "sig.") */
  readonly text: string;
  /** lower case, no accents, no trailing dot; empty for a placeholder */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** only spaces stand between the previous word and this one: "sono Marco", not "sono, Marco" */
  readonly joined: boolean;
  /** only a colon stands between the previous word and this one: "Richiedente: Mario Rossi" */
  readonly afterColon: boolean;
  /** the first word, or one after ".", "!", "?", ":" or a line break */
  readonly startsSentence: boolean;
}

const FIRST_NAMES = new Set(nameWords.firstNames.map(wordKey));
/** Names that are also ordinary words (Rosa, Serena, Massimo): names only when capitalised. */
const NAME_OR_WORD = new Set(nameWords.firstNamesThatAreWords.map(wordKey));
/** Ordinary words that end a name ("Marco ha detto"); they never start one. */
const ENDS_A_NAME = new Set(nameWords.wordsThatEndAName.map(wordKey));
/** Capitalised words that are offices, places, months, days, apps: not people. */
const NOT_NAMES = new Set(nameWords.notNames.map(wordKey));
/** Surnames that are also short words ("Li", "Lo", "Ma"): part of a name when capitalised inside one. */
const SURNAMES_THAT_ARE_WORDS = new Set(nameWords.surnamesThatAreWords.map(wordKey));
/** Of those, the ones that before a first name are a surname, never a word: "LI MARIO" (but "Ma Mario dice"). */
const SURNAMES_BEFORE_A_NAME = new Set(["li", "wu", "xu", "hu", "lu", "yu"]);

/** Cue phrases by their last word, so that each word looks only at the phrases it could end. */
type Phrases = ReadonlyMap<string, readonly string[][]>;
const phrases = (list: string[]): Phrases => {
  const byLast = new Map<string, string[][]>();
  for (const phrase of list.map((p) => p.split(" "))) {
    const last = phrase[phrase.length - 1]!;
    byLast.set(last, [...(byLast.get(last) ?? []), phrase]);
  }
  return byLast;
};
/** Phrases after which the next words are a name whatever they look like. */
const EXPLICIT = phrases([
  "mi chiamo", "mi chiamano", "si chiama", "si chiamava", "ci chiamiamo", "il mio nome e", "mio nome e", "my name is",
  "my name's", "sottoscritto", "sottoscritta",
]);
/**
 * Signatures. Opening a line or sentence ("Firmato rossi mario") a name follows whatever its case;
 * inside one ("il PDF firmato digitalmente", "the signed form") only a capitalised or known name.
 */
const SIGNED = phrases(["firmato", "firmata", "f.to", "signed", "signed by"]);
/** Form labels followed by a colon: "Richiedente: Mario Rossi". */
const LABELS = phrases([
  "richiedente", "nome", "cognome", "nome e cognome", "cognome e nome", "nominativo", "firma", "mittente",
  "segnalante", "dichiarante", "intestatario", "intestataria", "name", "full name", "from", "da",
]);
/** Self-introductions: the next word is a name when it is a known first name or capitalised. */
const INTRODUCTIONS = phrases([
  "sono", "qui e", "mio figlio", "mia figlia", "mio marito", "mia moglie", "mio padre", "mia madre", "mio fratello",
  "mia sorella", "mio nipote", "mia nipote", "mia mamma", "mio papa", "il mio vicino", "la mia vicina",
]);
/** English introductions: "I'm Italian" is not a name, so a known name or two capitalised words. */
const ENGLISH_INTRODUCTIONS = phrases(["i'm", "im", "i am", "this is", "my son", "my daughter", "my wife", "my husband"]);
/** Titles. Written as an abbreviation with a dot ("sig. rossi") they are followed by a name in any case. */
const TITLES = new Set([
  "sig", "sig.ra", "sig.na", "sigg", "signor", "signore", "signora", "signorina", "dott", "dott.ssa", "dottor", "dottore",
  "dottoressa", "dr", "avv", "avvocato", "ing", "prof", "prof.ssa", "professore", "professoressa", "geom", "rag", "mr",
  "mrs", "ms", "miss",
]);
/** Formal sign-offs: whatever words follow them to the end of the message are a signature. */
const SIGN_OFFS = phrases([
  "cordiali saluti", "distinti saluti", "saluti", "un saluto", "cordialmente", "in fede", "regards", "best regards",
  "kind regards", "best wishes", "sincerely", "yours sincerely", "cheers",
]);
/** Thanks and wishes: a known name or capitalised words after them, ending the message, are a signature. */
const THANKS = phrases([
  "grazie", "grazie mille", "grazie ancora", "grazie in anticipo", "grazie anticipatamente", "buona giornata",
  "buona serata", "a presto", "thanks", "thank you", "many thanks", "thanks a lot", "best",
]);
/** The last word of every cue phrase above: a word that is none of them ends no cue. */
const CUE_ENDS: ReadonlySet<string> = new Set(
  [EXPLICIT, SIGNED, LABELS, INTRODUCTIONS, ENGLISH_INTRODUCTIONS, SIGN_OFFS, THANKS].flatMap((list) => [...list.keys()]),
);
/** Words that make the next capitalised words a place, a saint or a street: San Giovanni, via Mario Rossi. */
const NOT_A_PERSON_BEFORE = new Set(["san", "santa", "santo", "sant", "s", "via", "viale", "piazza", "corso", "vicolo", "ospedale", "chiesa", "scuola", "istituto", "teatro", "papa"]);
/** Words before which two capitalised words are rather a place than a person: "abito a Castel Maggiore". */
const PLACE_BEFORE = new Set([
  ...NOT_A_PERSON_BEFORE, ...NOT_NAMES, "in", "a", "ad", "al", "alla", "allo", "ai", "agli", "alle", "nel", "nella", "nello",
  "nei", "negli", "nelle", "di", "del", "della", "dello", "dei", "degli", "delle", "da", "dal", "dalla", "per", "verso", "tra",
  "fra", "presso", "zona", "paese", "the", "to", "at", "of", "near", "visit", "il", "lo", "la", "i", "gli", "le",
]);
const PARTICLES = new Set(["de", "di", "del", "della", "da", "dal", "dalla", "dalle", "lo", "la", "van", "von", "d'", "mc", "el", "bin", "ben", "abu"]);
/** Elided articles and prepositions: "l'", "dell'", "all'", "un'". */
const ELIDED = new Set(["l", "dell", "all", "dall", "nell", "sull", "coll", "quell", "un", "c", "m", "t", "s", "v", "n", "gl"]);
const MAX_NAME_WORDS = 4;

type NameMode = "explicit" | "signed" | "introduced" | "english" | "signOff" | "thanks" | "known" | "capitalised";

interface Context {
  readonly words: readonly Word[];
  /** mostly capitals: capitalisation says nothing about names */
  readonly shouting: boolean;
  /** Every Word Capitalised: two capitalised words say nothing either */
  readonly titleCasing: boolean;
}

/**
 * Finds the names of people in normalised text: after "mi chiamo", "sono", "firmato", "Richiedente:",
 * a title or a sign-off; a known first name with the surname next to it (before it too: "ROSSI
 * MARIO"); and two capitalised words that are neither ordinary words, places nor offices. Given and
 * family names of any origin, in any case after an explicit cue. One pass over the words, each
 * looking at most a few words ahead: linear in the length of the text. `tokens` are the text's
 * tokens (tokenize), when the caller has them already.
 */
export function findNames(text: string, tokens: readonly Token[] = tokenize(text)): Span[] {
  const words = wordsOf(tokens);
  const context: Context = { words, shouting: isShouting(words), titleCasing: isTitleCasing(words) };
  const spans: Span[] = [];
  const take = (from: number, mode: NameMode): number => {
    let length = nameLength(context, from, mode);
    if (length === 0) return 0;
    if ((mode === "signOff" || mode === "thanks") && !onlyPlaceholdersFrom(words, from + length)) return 0;
    let first = from;
    if (mode === "known" && isSurnameBefore(context, from)) {
      first--;
      length++;
    }
    spans.push({ start: words[first]!.start, end: words[first + length - 1]!.end });
    return length;
  };

  let coveredUntil = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // Most words end no cue phrase: they are looked up once, not in each list.
    const endsCue = CUE_ENDS.has(word.key);
    const after = (list: Phrases) => endsCue && phraseEndingAt(words, i, list);
    if (after(EXPLICIT)) take(i + 1, "explicit");
    else if (after(SIGNED)) take(i + 1, opensSentence(words, i, SIGNED) ? "explicit" : "signed");
    else if (after(LABELS) && words[i + 1]?.afterColon) take(i + 1, "explicit");
    else if (TITLES.has(word.key)) take(i + 1, word.text.includes(".") ? "explicit" : "introduced");
    else if (after(INTRODUCTIONS)) take(i + 1, "introduced");
    else if (after(ENGLISH_INTRODUCTIONS)) take(i + 1, "english");
    // A signature ends the message: "…Cordiali saluti, Giada Ferioli".
    if (after(SIGN_OFFS)) take(i + 1, "signOff");
    else if (after(THANKS)) take(i + 1, "thanks");

    if (i < coveredUntil) continue;
    const previous = words[i - 1];
    const afterPlaceWord = previous !== undefined && word.joined && NOT_A_PERSON_BEFORE.has(previous.key);
    let length = afterPlaceWord ? 0 : take(i, "known");
    if (length === 0 && !(previous !== undefined && word.joined && PLACE_BEFORE.has(previous.key))) length = take(i, "capitalised");
    if (length > 0) coveredUntil = i + length;
  }
  return spans;
}

/** How many words from `from` make a name in this context (0: none). */
function nameLength(context: Context, from: number, mode: NameMode): number {
  const { words, shouting } = context;
  const first = words[from];
  if (!first || first.key === "") return 0;
  if (ENDS_A_NAME.has(first.key) && !((mode === "explicit" || mode === "signed") && SURNAMES_THAT_ARE_WORDS.has(first.key))) return 0;
  const capitalised = (w: Word) => isCapitalised(context, w);
  const known = (w: Word) => FIRST_NAMES.has(w.key) && (!NAME_OR_WORD.has(w.key) || capitalised(w));
  // An introduction and its name stand side by side: "sono, Marco" is not "sono Marco".
  if ((mode === "introduced" || mode === "english") && !first.joined) return 0;

  let starts: boolean;
  switch (mode) {
    case "explicit":
      starts = true;
      break;
    case "signed":
      starts = known(first) || isTitleCase(first.text) || isAllCapitals(first.text);
      break;
    case "signOff":
      starts = !NOT_NAMES.has(first.key) && isNameShaped(first.text);
      break;
    case "thanks":
      starts = FIRST_NAMES.has(first.key) || (!shouting && isTitleCase(first.text) && !NOT_NAMES.has(first.key));
      break;
    case "introduced":
      // "SONO ENTRATI I LADRI": words in capitals start a name only when they are a known first name.
      starts = known(first) || (!shouting && isTitleCase(first.text) && !NOT_NAMES.has(first.key));
      break;
    case "english": {
      const next = words[from + 1];
      starts = known(first) || (isTitleCase(first.text) && next !== undefined && next.joined && capitalised(next));
      break;
    }
    case "known":
      starts = known(first) && (!NAME_OR_WORD.has(first.key) || !first.startsSentence || followedByCapitalised(context, from));
      break;
    case "capitalised":
      starts = isUnknownCapitalisedPair(context, from);
      break;
  }
  if (!starts) return 0;

  // A lower-case surname follows a cue ("mi chiamo lucia bernardi") or a known first name ("giuseppe
  // verdi", "Mario rossi"); the ordinary words that follow a name ("Marco passa") end it instead.
  const lowerCaseSurname = mode === "explicit" || mode === "signed" || mode === "signOff" || FIRST_NAMES.has(first.key);
  let length = 1;
  while (length < MAX_NAME_WORDS) {
    const next = words[from + length];
    if (!next || next.key === "" || !next.joined) break;
    if (PARTICLES.has(next.key)) {
      const after = words[from + length + 1];
      if (!after || after.key === "" || !after.joined || ENDS_A_NAME.has(after.key) || NOT_NAMES.has(after.key)) break;
      // "Marco de luca" only after a cue: elsewhere "con Marta da giorni" is the rest of the sentence.
      if (!capitalised(after) && !FIRST_NAMES.has(after.key) && !(mode === "explicit" && isLowerCaseWord(after))) break;
      length += 2;
      continue;
    }
    if (ENDS_A_NAME.has(next.key)) {
      // "Xiaoming Li"; "mi chiamo xiaoming li"; "giuseppe li" ending a clause. Mid-sentence after a
      // lower-case first name "li", "lo", "ma" are rather words: "mario li ha visti".
      const after = words[from + length + 1];
      const endsClause = after === undefined || !after.joined;
      const shortSurname = SURNAMES_THAT_ARE_WORDS.has(next.key) && (mode === "explicit" || mode === "signed" || mode === "signOff" || (lowerCaseSurname && endsClause));
      if (isShortSurname(context, next) || shortSurname) length++;
      break;
    }
    if (NOT_NAMES.has(next.key)) break;
    if (capitalised(next) || FIRST_NAMES.has(next.key) || (lowerCaseSurname && length < 2 && isLowerCaseWord(next))) length++;
    else break;
  }
  return Math.min(length, MAX_NAME_WORDS);
}

/** "Xiaoming Li", "Kwame Mensah": two capitalised words that no list knows, where people are named. */
function isUnknownCapitalisedPair(context: Context, from: number): boolean {
  if (context.shouting || context.titleCasing) return false;
  const first = context.words[from]!;
  const next = context.words[from + 1];
  if (!next || !next.joined || next.key === "") return false;
  const unknown = (w: Word) => !ENDS_A_NAME.has(w.key) && !NOT_NAMES.has(w.key) && !TITLES.has(w.key) && w.key.length >= 2;
  return isTitleCase(first.text) && unknown(first) && !startsWithElision(first) && (isTitleCase(next.text) || isAllCapitals(next.text)) && (unknown(next) || isShortSurname(context, next));
}

/** "ROSSI MARIO", "Rossi Mario": the family name written before the known first name. */
function isSurnameBefore(context: Context, from: number): boolean {
  const word = context.words[from]!;
  const previous = context.words[from - 1];
  if (!previous || !word.joined || previous.key === "") return false;
  if (SURNAMES_BEFORE_A_NAME.has(previous.key)) return isTitleCase(previous.text) || isAllCapitals(previous.text);
  if (ENDS_A_NAME.has(previous.key) || NOT_NAMES.has(previous.key) || TITLES.has(previous.key) || PLACE_BEFORE.has(previous.key)) return false;
  return isCapitalised(context, previous) || isAllCapitals(previous.text);
}

function isShortSurname(context: Context, word: Word): boolean {
  return !context.shouting && SURNAMES_THAT_ARE_WORDS.has(word.key) && (isTitleCase(word.text) || isAllCapitals(word.text));
}

function followedByCapitalised(context: Context, i: number): boolean {
  const next = context.words[i + 1];
  return next !== undefined && next.joined && isCapitalised(context, next) && !ENDS_A_NAME.has(next.key);
}

function isCapitalised(context: Context, word: Word): boolean {
  if (context.shouting) return !ENDS_A_NAME.has(word.key) && isNameShaped(word.text);
  return isTitleCase(word.text) || (isAllCapitals(word.text) && word.text.length >= 3);
}

/** "Bernardi", "D'Angelo", "M." */
function isTitleCase(word: string): boolean {
  return /^\p{Lu}(?:\p{Ll}|'\p{Lu}|\.?$)/u.test(word);
}

/** "ROSSI", "D'ANGELO" (a word never ends on its apostrophe or hyphen). */
function isAllCapitals(word: string): boolean {
  return /^\p{Lu}[\p{Lu}'-]*$/u.test(word);
}

/** Letters, with the apostrophe or hyphen of "D'Angelo" or "Rossi-Bianchi". */
function isNameShaped(word: string): boolean {
  return /^\p{L}[\p{L}\p{M}'-]*\.?$/u.test(word);
}

function isLowerCaseWord(word: Word): boolean {
  if (!/^\p{Ll}/u.test(word.text) || word.key.length < 2 || ENDS_A_NAME.has(word.key) || NOT_NAMES.has(word.key)) return false;
  return !startsWithElision(word) && isNameShaped(word.text);
}

/** "dell'anagrafe", "L'Ufficio": an elided article or preposition starts no name. */
function startsWithElision(word: Word): boolean {
  const apostrophe = word.key.indexOf("'");
  return apostrophe !== -1 && ELIDED.has(word.key.slice(0, apostrophe));
}

function onlyPlaceholdersFrom(words: readonly Word[], from: number): boolean {
  for (let i = from; i < words.length; i++) if (words[i]!.key !== "") return false;
  return true;
}

/** The words i-k..i spell one of the phrases, side by side. */
function phraseEndingAt(words: readonly Word[], i: number, list: Phrases): boolean {
  return phraseStart(words, i, list) !== undefined;
}

/** Where the phrase ending at word i starts, if one does. */
function phraseStart(words: readonly Word[], i: number, list: Phrases): number | undefined {
  const candidates = list.get(words[i]!.key);
  if (candidates === undefined) return undefined;
  for (const phrase of candidates) {
    const start = i - phrase.length + 1;
    if (start >= 0 && phrase.every((part, k) => words[start + k]!.key === part && (k === 0 || words[start + k]!.joined))) return start;
  }
  return undefined;
}

/** The phrase ending at word i opens a sentence or a line. */
function opensSentence(words: readonly Word[], i: number, list: Phrases): boolean {
  const start = phraseStart(words, i, list);
  return start !== undefined && words[start]!.startsSentence;
}

/** The words and placeholders of the tokens, each told what stands between it and the previous one. */
function wordsOf(tokens: readonly Token[]): Word[] {
  const words: Word[] = [];
  let sinceWord = 0;
  let onlyColon = false;
  let sentenceBreak = true;
  for (const token of tokens) {
    if (token.space === "\n") sentenceBreak = true;
    if (token.kind === "word" || token.kind === "placeholder") {
      words.push({
        text: token.text,
        key: token.kind === "word" ? token.key : "",
        start: token.start,
        end: token.end,
        joined: words.length > 0 && sinceWord === 0 && token.space === " ",
        afterColon: words.length > 0 && sinceWord === 1 && onlyColon,
        startsSentence: sentenceBreak,
      });
      sinceWord = 0;
      onlyColon = false;
      sentenceBreak = false;
    } else {
      sinceWord++;
      onlyColon = sinceWord === 1 && token.text === ":";
      sentenceBreak = token.kind === "mark" && ".!?:".includes(token.text);
    }
  }
  return words;
}

/** Mostly capitals: capitalisation says nothing about names. */
function isShouting(words: readonly Word[]): boolean {
  let letters = 0;
  let upper = 0;
  for (const word of words) {
    for (let i = 0; i < word.text.length; i++) {
      const c = word.text.charCodeAt(i);
      if (c >= 65 && c <= 90) upper++;
      else if (c < 128) {
        if (c >= 97 && c <= 122) letters++;
        continue;
      } else {
        const ch = word.text[i]!;
        if (ch.toLowerCase() !== ch) upper++;
        else if (ch.toUpperCase() === ch) continue;
      }
      letters++;
    }
  }
  return letters >= 8 && upper / letters > 0.7;
}

/** Most words capitalised inside sentences: capitals are a habit of the writer, not a sign of names. */
function isTitleCasing(words: readonly Word[]): boolean {
  let inside = 0;
  let capitalised = 0;
  for (const word of words) {
    if (word.startsSentence || word.key.length < 3) continue;
    inside++;
    if (isTitleCase(word.text)) capitalised++;
  }
  return inside >= 4 && capitalised / inside >= 0.6;
}
