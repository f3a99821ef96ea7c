import type { MessageWord } from "./messageFeatures.js";
import { filedKey, tokenKeys, tokenMatches, type Signal, type SignalToken } from "./signalMatcher.js";

interface TrieNode<T> {
  readonly id: number;
  readonly depth: number;
  /** the next words of the signals through here, filed under their keys' numbers (tokenKeys, filedKey); made with the first */
  next: Map<number, Array<Edge<T>>> | undefined;
  /** what the signals that end here stand for; made with the first */
  ends: T[] | undefined;
}

interface Edge<T> {
  readonly token: SignalToken;
  readonly node: TrieNode<T>;
}

const NO_EDGES: readonly never[] = Object.freeze([]);

/**
 * Many signals matched at once. Signals sharing their first words share a path ("mi hanno rubato",
 * "mi hanno aggredito"), so a message word only follows the few next words its keys lead to, however
 * many signals start with it: a message repeating "mi" 60,000 times tries a handful of edges per word,
 * not every signal that begins with "mi". The same match as Signal.matchesAt: each next word within
 * `gap` other words of the previous one, every way. Each signal is added with what a match reports.
 */
export class PhraseTrie<T> {
  private readonly root: TrieNode<T>;
  private nodes = 0;
  /** matchAnywhere's message number, and for each first-word node the message and position it has looked ahead to */
  private pass = 0;
  private lookedIn = new Uint32Array(0);
  private lookedTo = new Int32Array(0);

  constructor(private readonly gap: number) {
    this.root = this.node(0);
  }

  /** Adds a signal, reported as `value` when it matches; its gap must be the trie's. */
  add(signal: Signal, value: T): void {
    if (signal.gap !== this.gap) throw new Error(`signal "${signal.text}" allows ${signal.gap} words between its words, this index ${this.gap}`);
    let node = this.root;
    for (const token of signal.parts) {
      const keys = [...new Set(tokenKeys(token).map(filedKey))];
      // Equal signal words share one edge: it is filed under the same keys.
      let edge = node.next?.get(keys[0]!)?.find((e) => e.token.prefix === token.prefix && e.token.word === token.word && e.token.stem === token.stem);
      if (!edge) {
        edge = { token, node: this.node(node.depth + 1) };
        node.next ??= new Map();
        for (const key of keys) {
          const list = node.next.get(key);
          if (list) list.push(edge);
          else node.next.set(key, [edge]);
        }
      }
      node = edge.node;
    }
    (node.ends ??= []).push(value);
  }

  /**
   * Calls `found` for every signal that matches starting exactly at `start` (possibly more than once
   * for one signal, when it matches there in several ways).
   */
  matchAt(words: readonly MessageWord[], start: number, found: (value: T) => void): void {
    this.follow(this.root, words, start, start + 1, found, undefined);
  }

  /**
   * Calls `found` for every signal that matches starting at a position `from` allows (possibly more
   * than once). Linear in the message: where one start has already reached a node at a position,
   * another start reaching it there finds nothing new, so it stops.
   */
  matchAnywhere(words: readonly MessageWord[], from: (position: number) => boolean, found: (value: T) => void): void {
    if (this.lookedIn.length !== this.nodes) {
      this.lookedIn = new Uint32Array(this.nodes);
      this.lookedTo = new Int32Array(this.nodes);
      this.pass = 0;
    }
    if (++this.pass === 0xffffffff) {
      this.lookedIn.fill(0);
      this.pass = 1;
    }
    const reached = new Set<number>();
    for (let start = 0; start < words.length; start++) {
      if (words[start]!.keyIds.length > 0 && from(start)) this.follow(this.root, words, start, start + 1, found, reached);
    }
  }

  /** Follows `node`'s edges at positions first..last-1 (the root only at its start), and on from each. */
  private follow(node: TrieNode<T>, words: readonly MessageWord[], first: number, last: number, found: (value: T) => void, reached: Set<number> | undefined): void {
    const next = node.next;
    if (!next) return;
    const end = Math.min(words.length, last);
    for (let at = first; at < end; at++) {
      const word = words[at]!;
      for (const key of word.keyIds) {
        for (const { token, node: child } of next.get(key) ?? NO_EDGES) {
          if (!tokenMatches(token, word)) continue;
          if (reached && node !== this.root) {
            // A node at a position is worth following once per message, whatever led there (a first
            // word is reached from its own start only).
            const mark = child.id * (words.length + 1) + at;
            if (reached.has(mark)) continue;
            reached.add(mark);
          }
          for (const value of child.ends ?? NO_EDGES) found(value);
          if (!child.next) continue;
          let from = at + 1;
          if (reached && child.depth === 1) {
            // First words are met in the order of the message: the words after this one that an
            // earlier start already looked at (for the same first word) lead nowhere new.
            if (this.lookedIn[child.id] === this.pass) from = Math.max(from, this.lookedTo[child.id]!);
            this.lookedIn[child.id] = this.pass;
            this.lookedTo[child.id] = Math.max(from, at + 2 + this.gap);
          }
          this.follow(child, words, from, at + 2 + this.gap, found, reached);
        }
      }
    }
  }

  private node(depth: number): TrieNode<T> {
    return { id: this.nodes++, depth, next: undefined, ends: undefined };
  }
}
