import { commandOf, normalizeWords, type Lexicon, type LanguageRequestWords } from "../text/lexicon.js";
import { LANGUAGES, type Language } from "../text/stemWord.js";

/** Longest message still read as a request to change language ("scusa ma non capisco l'inglese, puoi scrivermi in italiano per favore?"). */
const MAX_REQUEST_WORDS = 20;
/** Longer than this, a message is not a language request, and is not read word by word here. */
const MAX_REQUEST_CHARS = 200;
/** How many words before a language's name a negation reaches ("I don't really understand English"). */
const NEGATION_REACH = 3;
/** Where a clause ends: a negation does not reach past it ("my Italian is not good, English please"). */
const CLAUSE_BREAK = /[,.;:!?¿¡()\n]+/;
/** Words outside the request vocabulary that a message asking the bot to write may still carry. */
const MAX_UNKNOWN_WORDS = 3;
/** Words this long or longer are recognised with one typo ("inglesee", "englsh", "rispondimi"). */
const TYPO_MIN_LENGTH = 5;

/**
 * The language a message asks the bot to answer in, if it is such a request: it names a language
 * and every other word is one of the lexicon's request words ("parli inglese?", "can you answer in
 * Italian please", "switch to english"). A message with any other word is a question that merely
 * mentions a language ("c'è una versione in inglese della policy?") and goes to routing.
 * The language wanted is the last one named without a negation in its clause ("non capisco
 * l'inglese, in italiano grazie"); when every language named is negated ("I don't speak Italian"),
 * the other one.
 */
export function languageRequestOf(text: string, lexicon: Lexicon): Language | undefined {
  const command = commandOf(text, lexicon);
  if (command === "italian") return "it";
  if (command === "english") return "en";
  if (text.length > MAX_REQUEST_CHARS) return undefined;
  // "pleaseee", "englishhh": a letter typed three times or more counts once
  const collapsed = text.replace(/(\p{L})\1{2,}/gu, "$1");
  // Only a named language can be wanted or refused, and most messages name none: they are read
  // whole, once, rather than clause by clause.
  if (namesNoLanguage(collapsed, lexicon)) return undefined;
  return requestedIn(collapsed, lexicon);
}

/**
 * languageRequestOf's reading, clause by clause, of a message no longer than MAX_REQUEST_CHARS whose
 * repeated letters are collapsed (exported for the test that holds namesNoLanguage to it).
 */
export function requestedIn(text: string, lexicon: Lexicon): Language | undefined {
  const request = lexicon.languageRequests;
  const clauses = text.split(CLAUSE_BREAK).flatMap((clause) => splitAtBreaks(normalizeWords(clause, lexicon), request));
  const length = clauses.reduce((sum, words) => sum + words.length, 0);
  if (length === 0 || length > MAX_REQUEST_WORDS) return undefined;
  const all = clauses.flat();
  if (all.some((word) => request.otherSubjects.has(word))) return undefined;
  // Only a named language can be wanted or refused: without one the answer is no, and most messages
  // name none, so they skip the word-by-word reading below (every word against the whole vocabulary).
  if (!all.some((word) => languageNamed(word, request))) return undefined;
  // A message that asks the bot to write ("rispondimi", "explain", "in english") may carry a few words
  // of its own ("mio marito non capisce", "I'm a foreign resident"); one that only names a language may not.
  const asks = all.some((word) => request.asks.has(word)) || all.some((word, i) => word === "in" && languageNamed(all[i + 1] ?? "", request));
  let unknown = asks ? Math.max(MAX_UNKNOWN_WORDS, Math.floor(all.length / 4)) : 0;
  let wanted: Language | undefined;
  let refused: Language | undefined;
  for (const words of clauses) {
    const named = words.map((word) => languageNamed(word, request));
    const lastName = named.reduce((last, language, i) => (language ? i : last), -1);
    for (const [i, word] of words.entries()) {
      const language = named[i];
      if (!language) {
        if (!isRequestWord(word, request) && unknown-- <= 0) return undefined;
        continue;
      }
      if (isRefused(words, i, i === lastName, request)) refused = language;
      else wanted = language;
    }
  }
  return wanted ?? (refused && LANGUAGES.find((l) => l !== refused));
}

/**
 * True when no word of the message, read whole, names a language: then none of its clauses does
 * either, and it is no request. Read whole and clause by clause, a message has the same words but
 * where a clause break cuts a synonym phrase: the whole reading has the phrase's one word, the
 * clauses the words of the phrase, or of a shorter phrase among them. So the answer is a sure no
 * only when no synonym phrase, nor any of their words, names a language, as in the shipped lexicon;
 * with another lexicon it is false, and the clauses decide.
 */
function namesNoLanguage(text: string, lexicon: Lexicon): boolean {
  if (phrasesNameLanguages(lexicon)) return false;
  return !normalizeWords(text, lexicon).some((word) => languageNamed(word, lexicon.languageRequests));
}

const phraseNames = new WeakMap<Lexicon, boolean>();

/** Whether a synonym phrase, or a word of one read alone, names a language (found once per lexicon). */
function phrasesNameLanguages(lexicon: Lexicon): boolean {
  let names = phraseNames.get(lexicon);
  if (names === undefined) {
    const named = (text: string) => normalizeWords(text, lexicon).some((word) => languageNamed(word, lexicon.languageRequests));
    names = lexicon.synonymPhrases.some(([phrase]) => named(phrase) || phrase.split(" ").some(named));
    phraseNames.set(lexicon, names);
  }
  return names;
}

/** A clause's words cut where a break word ("che", "because") starts another. */
function splitAtBreaks(words: readonly string[], request: LanguageRequestWords): string[][] {
  const clauses: string[][] = [[]];
  for (const word of words) {
    if (request.clauseBreaks.has(word)) clauses.push([]);
    else clauses.at(-1)!.push(word);
  }
  return clauses;
}

/**
 * Whether the language named at `i` is the one not wanted: a negation a few words before it ("I don't
 * speak Italian") unless it asks the bot ("ma non parli italiano?"), a refusal right before it ("no
 * italiano"), or, for the last language of its clause, a negation after it ("in italiano, che l'inglese
 * non lo capisco"; in "in inglese non in italiano" the negation is the next language's).
 */
function isRefused(words: readonly string[], i: number, last: boolean, request: LanguageRequestWords): boolean {
  if (request.refusals.has(words[i - 1] ?? "")) return true;
  // "in english plz i dont understand": a language asked for with "in" is wanted, whatever follows.
  if (words[i - 1] === "in") return false;
  const before = words.slice(Math.max(0, i - NEGATION_REACH), i);
  const negation = before.findIndex((w) => request.negations.has(w));
  if (negation >= 0) return !before.slice(negation + 1).some((w) => request.addressee.has(w));
  return last && words.slice(i + 1).some((w) => request.negations.has(w));
}

function languageNamed(word: string, request: LanguageRequestWords): Language | undefined {
  const exact = request.names.get(word);
  if (exact || word.length < TYPO_MIN_LENGTH) return exact;
  const { names, languages } = typoTargetsOf(request);
  for (let i = 0; i < names.length; i++) if (withinOneEdit(word, names[i]!)) return languages[i];
  return undefined;
}

function isRequestWord(word: string, request: LanguageRequestWords): boolean {
  if (request.words.has(word)) return true;
  if (word.length < TYPO_MIN_LENGTH) return false;
  const { words } = typoTargetsOf(request);
  for (let i = 0; i < words.length; i++) if (withinOneEdit(word, words[i]!)) return true;
  return false;
}

/** The names and request words a word can be a typo of (TYPO_MIN_LENGTH or longer), in the lexicon's order. */
interface TypoTargets {
  readonly names: readonly string[];
  readonly languages: readonly Language[];
  readonly words: readonly string[];
}

const typoTargets = new WeakMap<LanguageRequestWords, TypoTargets>();

/** Each lexicon's typo targets, listed once: every message's words are held against them on every turn. */
function typoTargetsOf(request: LanguageRequestWords): TypoTargets {
  let targets = typoTargets.get(request);
  if (!targets) {
    const names = [...request.names].filter(([name]) => name.length >= TYPO_MIN_LENGTH);
    targets = {
      names: names.map(([name]) => name),
      languages: names.map(([, language]) => language),
      words: [...request.words].filter((word) => word.length >= TYPO_MIN_LENGTH),
    };
    typoTargets.set(request, targets);
  }
  return targets;
}

/**
 * Whether one typo at most (a letter added, dropped or changed, or two neighbours swapped) turns `a`
 * into `b`: the router's editDistance(a, b) <= 1, without building its table, since every message's
 * words are held against the language names on every turn.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length < b.length) return withinOneEdit(b, a);
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === b.length) return true; // equal, or one letter added at the end
  if (a.length > b.length) return sameTails(a, i + 1, b, i); // one letter added at i
  if (sameTails(a, i + 1, b, i + 1)) return true; // one letter changed at i
  return a[i] === b[i + 1] && a[i + 1] === b[i] && sameTails(a, i + 2, b, i + 2); // neighbours swapped at i
}

/** Whether `a` from `fromA` and `b` from `fromB` are the same characters to their ends (no string is cut out to compare). */
function sameTails(a: string, fromA: number, b: string, fromB: number): boolean {
  if (a.length - fromA !== b.length - fromB) return false;
  for (let k = 0; fromB + k < b.length; k++) if (a.charCodeAt(fromA + k) !== b.charCodeAt(fromB + k)) return false;
  return true;
}
