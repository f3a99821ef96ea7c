import { detachedCopy } from "./detachedCopy.js";

const SLOTS = 1 << 14;
/** Emptied when this full: a table of the words of recent messages, not of every word ever seen. */
const MOST_WORDS = SLOTS / 2;

/**
 * What each word of folded text stands for, remembered by the word's characters: a long message
 * repeating a few words is read without making a string per word. `meaning` gives what a word not
 * yet remembered stands for; it must depend on the word alone.
 */
export class WordTable<T> {
  private readonly words = new Array<string | undefined>(SLOTS);
  private readonly meanings = new Array<T | undefined>(SLOTS);
  private readonly hashes = new Int32Array(SLOTS);
  private size = 0;

  constructor(private readonly meaning: (word: string) => T) {}

  /**
   * Calls `visit` with the meaning of each word of `text`, words being what lies between single
   * spaces (as text.split(" ") gives them, an empty text giving none).
   */
  forEachWord(text: string, visit: (meaning: T) => void): void {
    if (text.length === 0) return;
    let start = 0;
    for (;;) {
      const space = text.indexOf(" ", start);
      const end = space === -1 ? text.length : space;
      visit(this.lookUp(text, start, end));
      if (space === -1) return;
      start = space + 1;
    }
  }

  private lookUp(text: string, start: number, end: number): T {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    let slot = (hash >>> 0) & (SLOTS - 1);
    for (;;) {
      const word = this.words[slot];
      if (word === undefined) break;
      if (this.hashes[slot] === hash && word.length === end - start && sameCharacters(word, text, start)) return this.meanings[slot]!;
      slot = (slot + 1) & (SLOTS - 1);
    }
    // A copy: the word must not keep its message in memory (see detachedCopy).
    const word = detachedCopy(text.slice(start, end));
    const meaning = this.meaning(word);
    if (this.size >= MOST_WORDS) {
      this.words.fill(undefined);
      this.meanings.fill(undefined);
      this.size = 0;
      slot = (hash >>> 0) & (SLOTS - 1);
    }
    this.words[slot] = word;
    this.meanings[slot] = meaning;
    this.hashes[slot] = hash;
    this.size++;
    return meaning;
  }
}

function sameCharacters(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
