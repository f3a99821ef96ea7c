import { foldText, splitWords } from "./foldText.js";
import { WordTable } from "./wordTable.js";
import type { Language } from "./stemWord.js";

/** How citizens write in chat, read from knowledge/lexicon.yaml. */
export interface LexiconSource {
  shorthand: Record<string, string>;
  stopwords: Record<Language, string[]>;
  markers: Record<Language, string[]>;
  synonyms: string[][];
  commands: Record<LexiconCommand, string[]>;
  hypothetical: Record<Language, string[]>;
  followUps: Record<FollowUpKind, string[]>;
  /** optional so that small test lexicons need not spell them out */
  followUpWords?: { filler: string[]; yours: string[] };
  languageRequests?: { names: Record<Language, string[]>; words: string[]; negations: string[]; refusals: string[]; clauseBreaks: string[]; addressee: string[]; asks?: string[]; otherSubjects?: string[] };
  accountWords: string[];
}

export type FollowUpKind = "phone" | "email" | "address" | "website";

export type LexiconCommand = "menu" | "italian" | "english";

export interface Lexicon {
  readonly shorthand: ReadonlyMap<string, string[]>;
  readonly stopwords: ReadonlySet<string>;
  readonly markers: Readonly<Record<Language, ReadonlySet<string>>>;
  /** folded word -> canonical folded word */
  readonly synonymWords: ReadonlyMap<string, string>;
  /** multi-word synonyms, longest first: folded phrase -> canonical folded word */
  readonly synonymPhrases: ReadonlyArray<readonly [string, string]>;
  /** whole folded message -> command */
  readonly commands: ReadonlyMap<string, LexiconCommand>;
  /** folded phrases after which a safety signal describes a case, not an event */
  readonly hypothetical: readonly string[];
  /** follow-up phrase, folded and without filler words -> the fact it asks for */
  readonly followUps: ReadonlyMap<string, FollowUpKind>;
  /** words a short follow-up may carry without changing the fact it asks for */
  readonly followUpFiller: ReadonlySet<string>;
  /** words that ask for the comune's own contact ("your number") rather than the last answer's */
  readonly followUpYours: ReadonlySet<string>;
  /** how a citizen asks to change language: see languageRequestOf */
  readonly languageRequests: LanguageRequestWords;
  readonly accountWords: ReadonlySet<string>;
}

export interface LanguageRequestWords {
  /** folded name of a language (italiano, english, ...) -> that language */
  readonly names: ReadonlyMap<string, Language>;
  /** the only other words a language request may contain, with those of the four lists below */
  readonly words: ReadonlySet<string>;
  /** words that, a few words before a language's name, say that language is not wanted ("I don't speak Italian") */
  readonly negations: ReadonlySet<string>;
  /** words that say so only right before the name ("no italiano"): "no, in italiano" asks for Italian */
  readonly refusals: ReadonlySet<string>;
  /** words that end a clause as punctuation does ("in inglese che non capisco") */
  readonly clauseBreaks: ReadonlySet<string>;
  /** words that, between a negation and the name, make it a question to the bot ("non parli italiano?") */
  readonly addressee: ReadonlySet<string>;
  /** words that ask the bot to write in a language ("rispondimi", "answer", "explain"): with one, a few other words are allowed */
  readonly asks: ReadonlySet<string>;
  /** words that show the message is about something else (an office, a document, a course): never a request then */
  readonly otherSubjects: ReadonlySet<string>;
}

/** Folds every list of the lexicon once, so that matching compares like with like. */
export function buildLexicon(source: LexiconSource): Lexicon {
  const shorthand = new Map<string, string[]>();
  for (const [short, long] of Object.entries(source.shorthand)) {
    shorthand.set(foldText(short), splitWords(foldText(long)));
  }
  const synonymWords = new Map<string, string>();
  const synonymPhrases: Array<[string, string]> = [];
  for (const group of source.synonyms) {
    const folded = group.map(foldText).filter((w) => w.length > 0);
    const canonical = folded.find((w) => !w.includes(" "));
    if (canonical === undefined) continue;
    for (const member of folded) {
      if (member === canonical) continue;
      if (member.includes(" ")) synonymPhrases.push([member, canonical]);
      else synonymWords.set(member, canonical);
    }
  }
  synonymPhrases.sort((a, b) => b[0].length - a[0].length);
  const foldAll = (words: string[]) => new Set(words.map(foldText));
  const commands = new Map<string, LexiconCommand>();
  for (const [command, phrases] of Object.entries(source.commands) as Array<[LexiconCommand, string[]]>) {
    for (const phrase of phrases) commands.set(foldText(phrase), command);
  }
  const filler = foldAll(source.followUpWords?.filler ?? []);
  const withoutFiller = (phrase: string) => splitWords(foldText(phrase)).filter((w) => !filler.has(w)).join(" ");
  const requests = source.languageRequests;
  return Object.freeze({
    shorthand,
    stopwords: new Set([...foldAll(source.stopwords.it), ...foldAll(source.stopwords.en)]),
    markers: Object.freeze({ it: foldAll(source.markers.it), en: foldAll(source.markers.en) }),
    synonymWords,
    synonymPhrases,
    commands,
    hypothetical: [...source.hypothetical.it, ...source.hypothetical.en].map((p) => splitWords(foldText(p)).join(" ")),
    followUps: new Map(
      (Object.entries(source.followUps) as Array<[FollowUpKind, string[]]>).flatMap(([kind, phrases]) =>
        phrases.map((p) => [withoutFiller(p), kind] as const).filter(([p]) => p.length > 0),
      ),
    ),
    followUpFiller: filler,
    followUpYours: foldAll(source.followUpWords?.yours ?? []),
    languageRequests: Object.freeze({
      names: new Map(
        (Object.entries(requests?.names ?? {}) as Array<[Language, string[]]>).flatMap(([language, names]) => names.map((n) => [foldText(n), language] as const)),
      ),
      // the words of the other lists are request words too: they may stand in a request
      words: foldAll([...(requests?.words ?? []), ...(requests?.negations ?? []), ...(requests?.refusals ?? []), ...(requests?.clauseBreaks ?? []), ...(requests?.addressee ?? []), ...(requests?.asks ?? [])]),
      negations: foldAll(requests?.negations ?? []),
      refusals: foldAll(requests?.refusals ?? []),
      clauseBreaks: foldAll(requests?.clauseBreaks ?? []),
      addressee: foldAll(requests?.addressee ?? []),
      asks: foldAll(requests?.asks ?? []),
      otherSubjects: foldAll(requests?.otherSubjects ?? []),
    }),
    accountWords: foldAll(source.accountWords),
  });
}

/**
 * Turns a message into the words routing compares: folded, chat shorthand expanded
 * ("x" -> "per", "nn" -> "non"), synonyms mapped onto one word of their group.
 */
export function normalizeWords(text: string, lexicon: Lexicon): string[] {
  let folded = foldText(text);
  for (const [phrase, canonical] of lexicon.synonymPhrases) {
    if (folded.includes(phrase)) folded = ` ${folded} `.split(` ${phrase} `).join(` ${canonical} `).trim();
  }
  // Room for one word per space and one, made once: a long message has tens of thousands of words.
  let spaces = 0;
  for (let at = folded.indexOf(" "); at !== -1; at = folded.indexOf(" ", at + 1)) spaces++;
  const words = new Array<string>(folded.length === 0 ? 0 : spaces + 1);
  let count = 0;
  wordTableOf(lexicon).forEachWord(folded, (meant) => {
    // A shorthand may stand for more words than one: the array then grows past the room made.
    for (let i = 0; i < meant.length; i++) words[count++] = meant[i]!;
  });
  words.length = count;
  return words;
}

/** Each lexicon's table of what a folded word becomes (normalizeWords), so that a word is looked up once. */
const wordTables = new WeakMap<Lexicon, WordTable<readonly string[]>>();

function wordTableOf(lexicon: Lexicon): WordTable<readonly string[]> {
  let table = wordTables.get(lexicon);
  if (!table) {
    table = new WordTable((word) => (lexicon.shorthand.get(word) ?? [word]).map((w) => lexicon.synonymWords.get(w) ?? w));
    wordTables.set(lexicon, table);
  }
  return table;
}

const MAX_COMMAND_CHARS = 100;

/** The command a whole message asks for ("menu", "in inglese"), if it is one. */
export function commandOf(text: string, lexicon: Lexicon): LexiconCommand | undefined {
  // A command is a few words: a long message is not folded whole just to find that out.
  if (text.length > MAX_COMMAND_CHARS) return undefined;
  return lexicon.commands.get(foldText(text));
}
