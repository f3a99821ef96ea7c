import type { Lexicon } from "../text/lexicon.js";
import { detachedCopy } from "../text/detachedCopy.js";
import { LONGEST_STEMMED_WORD, stemWord } from "../text/stemWord.js";
import { filedWordKeys } from "./signalMatcher.js";

/** A word of a message with the stems it could have in either language. */
export interface MessageWord {
  readonly word: string;
  readonly stems: readonly string[];
  readonly content: boolean;
  /** the numbers of this word's keys that some signal word is filed under (signalMatcher.ts's filedWordKeys) */
  readonly keyIds: readonly number[];
}

/** Words of a message of unknown language, each with its Italian and English stems. */
export function messageWords(words: readonly string[], lexicon: Lexicon): MessageWord[] {
  return words.map((word) => readWord(word, lexicon));
}

function readWord(word: string, lexicon: Lexicon): MessageWord {
  const it = stemWord(word, "it");
  const en = stemWord(word, "en");
  const stems = it === en ? [it] : [it, en];
  return { word, stems, content: !lexicon.stopwords.has(word), keyIds: filedWordKeys({ word, stems }) };
}

const READER_LIMIT = 20_000;

/**
 * messageWords with a memory: a word read once is the same object next time, so a message costs a
 * lookup per word and no allocation (a 200,000-character message repeating a few words makes a few
 * objects, not 50,000). Bounded: emptied when full; words longer than any real word are not kept.
 */
export class MessageWordReader {
  private readonly known = new Map<string, MessageWord>();

  constructor(private readonly lexicon: Lexicon) {}

  read(words: readonly string[]): MessageWord[] {
    const out = new Array<MessageWord>(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.word(words[i]!);
    return out;
  }

  word(word: string): MessageWord {
    const known = this.known.get(word);
    if (known) return known;
    const read = readWord(word, this.lexicon);
    if (word.length > LONGEST_STEMMED_WORD) return read;
    if (this.known.size >= READER_LIMIT) this.known.clear();
    // A copy: the word must not keep its message in memory (see detachedCopy).
    const copy = detachedCopy(word);
    const stems = read.stems.map(detachedCopy);
    const kept = { word: copy, stems, content: read.content, keyIds: read.keyIds };
    this.known.set(kept.word, kept);
    return kept;
  }
}
