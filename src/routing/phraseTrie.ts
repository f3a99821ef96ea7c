import type { MessageWord } from "./messageFeatures.js";
import { filedKey, tokenKeys, tokenMatches, type Signal, type SignalToken } from "./signalMatcher.js";

interface TrieNode<T> {
  readonly id: number;
  readonly depth: number;
  /** the next words of the signals through here, filed under their keys' numbers (tokenKeys, filedKey); made with the first */
  next: Map<number, Array<Edge<T>>> | undefined;
  /** the same, flat for matching when there are few (a scan of a few numbers beats a Map; many, the Map) */
  keys: Int32Array | undefined;
  lists: Array<Array<Edge<T>>> | undefined;
  /** what the signals that end here stand for; made with the first */
  ends: T[] | undefined;
}

interface Edge<T> {
  readonly token: SignalToken;
  readonly node: TrieNode<T>;
  /** the number of the key of the word itself ("w:…"), for a word that is not a prefix */
  readonly wordKey: number;
}

/** Up to this many keys, a node's next words are found by scanning their numbers. */
const SCANNED_KEYS = 8;

/** No edges: what a node without next words, or a key without edges, gives. */
const NONE: readonly never[] = Object.freeze([]);

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
  /** the root's edges by key number, for every key (the root has many next words) */
  private rootEdges: Array<Array<Edge<T>> | undefined> = [];
  /** a signal was added since the flat forms were made */
  private changed = true;

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
        edge = { token, node: this.node(node.depth + 1), wordKey: token.prefix ? -1 : filedKey(`w:${token.word}`) };
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
    this.changed = true;
  }

  /** Makes the flat forms of every node's next words, once the signals are in. */
  private flatten(): void {
    if (!this.changed) return;
    this.changed = false;
    this.lookedIn = new Uint32Array(this.nodes);
    this.lookedTo = new Int32Array(this.nodes);
    this.pass = 0;
    this.rootEdges = [];
    for (const [key, edges] of this.root.next ?? []) this.rootEdges[key] = edges;
    const visit = (node: TrieNode<T>) => {
      if (!node.next) return;
      if (node.next.size <= SCANNED_KEYS) {
        node.keys = Int32Array.from(node.next.keys());
        node.lists = [...node.next.values()];
      }
      for (const edges of node.next.values()) for (const edge of edges) visit(edge.node);
    };
    visit(this.root);
  }

  /** The edges of `node` filed under `key`. */
  private edgesOf(node: TrieNode<T>, key: number): readonly Edge<T>[] {
    if (node === this.root) return this.rootEdges[key] ?? NONE;
    const keys = node.keys;
    if (!keys) return node.next!.get(key) ?? NONE;
    for (let k = 0; k < keys.length; k++) if (keys[k] === key) return node.lists![k]!;
    return NONE;
  }

  /**
   * Calls `found` for every signal that matches starting exactly at `start` (possibly more than once
   * for one signal, when it matches there in several ways).
   */
  matchAt(words: readonly MessageWord[], start: number, found: (value: T) => void): void {
    this.flatten();
    this.follow(this.root, words, start, start + 1, found, undefined);
  }

  /**
   * Calls `found` for every signal that matches starting at a position `from` allows (possibly more
   * than once). Linear in the message: where one start has already reached a node at a position,
   * another start reaching it there finds nothing new, so it stops.
   */
  matchAnywhere(words: readonly MessageWord[], from: (position: number) => boolean, found: (value: T) => void): void {
    this.flatten();
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
    // Indexed loops: this is the innermost work of a long message, and iterators would allocate.
    const end = Math.min(words.length, last);
    for (let at = first; at < end; at++) {
      const word = words[at]!;
      const keys = word.keyIds;
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        const edges = this.edgesOf(node, key);
        for (let e = 0; e < edges.length; e++) {
          const { token, node: child, wordKey } = edges[e]!;
          // A shared key is the word or one of its stems, which is a match; a prefix's key is only
          // its first three letters. A word that is the signal's word and has its stem too comes by
          // both keys: it is followed by the word's.
          if (token.prefix ? !tokenMatches(token, word) : key !== wordKey && word.word === token.word) continue;
          if (reached && node !== this.root && child.next) {
            // A node at a position is worth following once per message, whatever led there (a first
            // word is reached from its own start only; a last word has nothing to follow).
            const mark = child.id * (words.length + 1) + at;
            if (reached.has(mark)) continue;
            reached.add(mark);
          }
          const ends = child.ends;
          if (ends) for (let v = 0; v < ends.length; v++) found(ends[v]!);
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
    return { id: this.nodes++, depth, next: undefined, keys: undefined, lists: undefined, ends: undefined };
  }
}
