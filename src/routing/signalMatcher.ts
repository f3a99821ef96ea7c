import type { Lexicon } from "../text/lexicon.js";
import { normalizeWords } from "../text/lexicon.js";
import { stemWord, type Language } from "../text/stemWord.js";
import type { MessageWord } from "./messageFeatures.js";

interface SignalToken {
  readonly word: string;
  readonly stem: string;
  readonly prefix: boolean;
}

/** Up to this many other words may stand between two words of a signal. */
const MAX_GAP = 3;

/** A safety phrase ("mi hanno rubato", "furt*") compiled for matching against message words. */
export class Signal {
  private constructor(readonly text: string, private readonly tokens: readonly SignalToken[]) {}

  static compile(text: string, language: Language, lexicon: Lexicon): Signal | undefined {
    const tokens: SignalToken[] = [];
    for (const raw of text.trim().split(/\s+/)) {
      const prefix = raw.endsWith("*");
      for (const word of normalizeWords(raw.replace(/\*+$/, ""), lexicon)) {
        tokens.push({ word, stem: prefix ? word : stemWord(word, language), prefix });
      }
    }
    return tokens.length === 0 ? undefined : new Signal(text, tokens);
  }

  /** Keys under which the signal is indexed: a message word with one of them may start a match. */
  startKeys(): string[] {
    const first = this.tokens[0]!;
    return first.prefix ? [prefixKey(first.word)] : [`w:${first.word}`, `s:${first.stem}`];
  }

  /**
   * True when every word of the signal appears in the message, in order, with small gaps, starting
   * at a word that is not `blocked` (a word in a hypothetical context: "in caso di alluvione").
   */
  matches(words: readonly MessageWord[], blocked?: readonly boolean[]): boolean {
    return this.matchFrom(words, 0, 0, blocked);
  }

  private matchFrom(words: readonly MessageWord[], tokenIndex: number, start: number, blocked?: readonly boolean[]): boolean {
    const token = this.tokens[tokenIndex];
    if (!token) return true;
    const end = tokenIndex === 0 ? words.length : Math.min(words.length, start + MAX_GAP + 1);
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

/** The keys a message word can start a signal under (see Signal.startKeys). */
export function wordKeys(word: MessageWord): string[] {
  return [`w:${word.word}`, ...word.stems.map((s) => `s:${s}`), prefixKey(word.word)];
}

function tokenMatches(token: SignalToken, word: MessageWord): boolean {
  if (token.prefix) return word.word.startsWith(token.word);
  return word.word === token.word || word.stems.includes(token.stem);
}
