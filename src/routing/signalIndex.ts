import { detachedCopy } from "../text/detachedCopy.js";
import { LONGEST_STEMMED_WORD } from "../text/stemWord.js";
import type { MessageWord } from "./messageFeatures.js";
import { filedKey, type Signal } from "./signalMatcher.js";

/** What the index holds for one message word: the items whose signal may start there. */
export interface ItemsAt<T> {
  /** every item filed under one of the word's keys, by key then in the order added (an item filed under two keys comes twice) */
  readonly all: readonly T[];
  /** the same with each signal once, where it first comes */
  readonly distinct: readonly T[];
}

const NONE: ItemsAt<never> = Object.freeze({ all: Object.freeze([]), distinct: Object.freeze([]) });
const WORDS_REMEMBERED = 20_000;

/**
 * Signals filed under the keys of their first word (Signal.startKeys), so that each word of a message
 * only tries the signals that can start with it. What a word finds is remembered (bounded), so a long
 * message costs one lookup per word and no allocation: a message repeating a word 50,000 times
 * builds its list once.
 */
export class SignalIndex<T extends { readonly signal: Signal }> {
  private readonly byKey = new Map<number, T[]>();
  private readonly byWord = new Map<string, ItemsAt<T>>();

  /** Files `signal` under each of its start keys, as the item `make` returns for that key. */
  add(signal: Signal, make: (key: string) => T): void {
    for (const key of new Set(signal.startKeys())) {
      const filed = make(key);
      const id = filedKey(key);
      const list = this.byKey.get(id);
      if (list) list.push(filed);
      else this.byKey.set(id, [filed]);
    }
    this.byWord.clear();
  }

  /** The items a message word may start. */
  at(word: MessageWord): ItemsAt<T> {
    if (word.keyIds.length === 0) return NONE;
    const known = this.byWord.get(word.word);
    if (known) return known;
    const all: T[] = [];
    const distinct: T[] = [];
    const signals = new Set<Signal>();
    for (const key of word.keyIds) {
      for (const item of this.byKey.get(key) ?? []) {
        all.push(item);
        if (signals.has(item.signal)) continue;
        signals.add(item.signal);
        distinct.push(item);
      }
    }
    const found: ItemsAt<T> = all.length === 0 ? NONE : { all, distinct };
    // The stems of a word follow from the word, so the word alone is the key; a run longer than any
    // word is not remembered, and a remembered word keeps no message alive (see detachedCopy).
    if (word.word.length <= LONGEST_STEMMED_WORD) {
      if (this.byWord.size >= WORDS_REMEMBERED) this.byWord.clear();
      this.byWord.set(detachedCopy(word.word), found);
    }
    return found;
  }
}
