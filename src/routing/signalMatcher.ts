import type { Lexicon } from "../text/lexicon.js";
import { normalizeWords } from "../text/lexicon.js";
import { stemWord, type Language } from "../text/stemWord.js";
import type { MessageWord } from "./messageFeatures.js";

/** One word of a signal: matched as that word or its stem, or as a prefix ("furt*"). */
export interface SignalToken {
  readonly word: string;
  readonly stem: string;
  readonly prefix: boolean;
}

/** Up to this many other words may stand between two words of a signal. */
const MAX_GAP = 3;

/** A safety phrase ("mi hanno rubato", "furt*") compiled for matching against message words. */
export class Signal {
  private constructor(
    readonly text: string,
    private readonly tokens: readonly SignalToken[],
    private readonly maxGap: number,
  ) {}

  /**
   * Compiles a phrase. With `stemSingleWords` false, a one-word phrase matches only that word (or its
   * prefix with "*"): a lone stem is too broad for some uses ("tagliarmi" is not "tagliate").
   * `maxGap` other words may stand between two words of the phrase.
   */
  static compile(text: string, language: Language, lexicon: Lexicon, stemSingleWords = true, maxGap = MAX_GAP): Signal | undefined {
    const tokens: SignalToken[] = [];
    for (const raw of text.trim().split(/\s+/)) {
      const prefix = raw.endsWith("*");
      for (const word of normalizeWords(raw.replace(/\*+$/, ""), lexicon)) {
        tokens.push({ word, stem: prefix ? word : stemWord(word, language), prefix });
      }
    }
    if (tokens.length === 1 && !stemSingleWords && !tokens[0]!.prefix) tokens[0] = { ...tokens[0]!, stem: `=${tokens[0]!.word}` };
    return tokens.length === 0 ? undefined : new Signal(text, tokens, maxGap);
  }

  /** Keys under which the signal is indexed: a message word with one of them may start a match. */
  startKeys(): string[] {
    return tokenKeys(this.tokens[0]!);
  }

  /**
   * True when every word of the signal appears in the message, in order, with small gaps, starting
   * at a word that is not `blocked` (a word in a hypothetical context: "in caso di alluvione").
   */
  matches(words: readonly MessageWord[], blocked?: readonly boolean[]): boolean {
    return this.matchFrom(words, 0, 0, blocked);
  }

  /** True when the signal matches starting exactly at word `start`. */
  matchesAt(words: readonly MessageWord[], start: number): boolean {
    const first = this.tokens[0]!;
    return start < words.length && tokenMatches(first, words[start]!) && this.matchFrom(words, 1, start + 1);
  }

  /** How many message words the signal spans when it matches at `start` (at least its own length). */
  get length(): number {
    return this.tokens.length;
  }

  /** Its words, in order, for indexes that match many signals at once (phraseTrie.ts). */
  get parts(): readonly SignalToken[] {
    return this.tokens;
  }

  /** How many other words may stand between two of its words. */
  get gap(): number {
    return this.maxGap;
  }

  private matchFrom(words: readonly MessageWord[], tokenIndex: number, start: number, blocked?: readonly boolean[]): boolean {
    const token = this.tokens[tokenIndex];
    if (!token) return true;
    const end = tokenIndex === 0 ? words.length : Math.min(words.length, start + this.maxGap + 1);
    for (let i = start; i < end; i++) {
      if (tokenIndex === 0 && blocked?.[i]) continue;
      if (tokenMatches(token, words[i]!) && this.matchFrom(words, tokenIndex + 1, i + 1)) return true;
    }
    return false;
  }
}

/** Prefix signals are indexed by their first three letters ("furt*" under "furt" -> "fur"). */
function prefixKey(word: string): string {
  return `p:${word.slice(0, 3)}`;
}

/** The keys under which a signal word is filed: a message word with one of them may match it. */
export function tokenKeys(token: SignalToken): string[] {
  return token.prefix ? [prefixKey(token.word)] : [`w:${token.word}`, `s:${token.stem}`];
}

/** The keys a message word can match a signal word under (see tokenKeys). */
export function wordKeys(word: Pick<MessageWord, "word" | "stems">): string[] {
  return [`w:${word.word}`, ...word.stems.map((s) => `s:${s}`), prefixKey(word.word)];
}

/**
 * Every key some signal word has been filed under, numbered. Indexes file under numbers, and a
 * message word carries the numbers of its keys that are filed (MessageWord.keyIds): most words of a
 * message are in no signal and carry none, so a long message skips them at the cost of one check.
 * Grows only with the knowledge's signal words.
 */
const FILED_KEYS = new Map<string, number>();

/** The number of a key a signal word is filed under (numbered on first use). */
export function filedKey(key: string): number {
  let id = FILED_KEYS.get(key);
  if (id === undefined) FILED_KEYS.set(key, (id = FILED_KEYS.size));
  return id;
}

/**
 * The numbers of a message word's keys that some signal word is filed under. Read when the word is
 * read: an index built later may file keys this list lacks, so indexes are built before the words
 * they match are read (a Router builds all of its own in its constructor).
 */
export function filedWordKeys(word: Pick<MessageWord, "word" | "stems">): number[] {
  const ids: number[] = [];
  for (const key of wordKeys(word)) {
    const id = FILED_KEYS.get(key);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** True when a message word is this signal word: the word itself or one of its stems, or a word it prefixes. */
export function tokenMatches(token: SignalToken, word: MessageWord): boolean {
  if (token.prefix) return word.word.startsWith(token.word);
  return word.word === token.word || word.stems.includes(token.stem);
}
