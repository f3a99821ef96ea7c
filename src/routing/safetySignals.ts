import type { MessageWord } from "./messageFeatures.js";
import { PhraseTrie } from "./phraseTrie.js";
import { SignalIndex, type ItemsAt } from "./signalIndex.js";
import type { Signal } from "./signalMatcher.js";

/** Up to this many other words may stand between two words of a safety signal (Signal.compile's default). */
const SIGNAL_GAP = 3;

/** A safety signal of an entry, filed under one of its start keys; `id` numbers the filing, `signalId` the signal. */
interface FiledSignal {
  readonly entryIndex: number;
  readonly signal: Signal;
  readonly id: number;
  readonly signalId: number;
}

/** What the safety signals found in a message. */
export interface SafetyHits {
  /** per entry, how many of its signals the message carries (see SafetySignals.hits) */
  readonly hitsByEntry: Map<number, number>;
  /** entries one of whose matching signals is a phrase of several words, not a lone word */
  readonly phrases: Set<number>;
}

/**
 * The safety entries' signals, found in a whole message in linear time: each signal is filed under
 * the keys of its first word (to count the candidates a message's words bring, see hits) and put in
 * a trie that matches them all at once (phraseTrie.ts). A message allocates next to nothing: what it
 * has seen is marked with its number in arrays kept between messages.
 */
export class SafetySignals {
  private readonly index = new SignalIndex<FiledSignal>();
  private readonly trie = new PhraseTrie<number>(SIGNAL_GAP);
  /** per signal: an emergency entry's (it starts where a word is not calmed; the others where it is not blocked) */
  private readonly emergency: boolean[] = [];
  private filings = 0;
  /** a message's number, and per filing and per signal the last message that found it */
  private pass = 0;
  private candidate = new Uint32Array(0);
  private matched = new Uint32Array(0);
  private readonly wordsSeen = new WeakMap<ItemsAt<FiledSignal>, number>();

  /** Adds a signal of an entry. */
  add(entryIndex: number, signal: Signal, emergency: boolean): void {
    const signalId = this.emergency.length;
    this.emergency.push(emergency);
    // One filing per key, as hits counts them.
    this.index.add(signal, () => ({ entryIndex, signal, id: this.filings++, signalId }));
    this.trie.add(signal, signalId);
  }

  /**
   * The safety signals the message carries, counted by entry as the signals filed under the keys of
   * its words (one per key: a signal filed under a word and under its stem counts twice when the
   * message has both) that match somewhere not masked (an emergency signal where a word is not
   * `calmed`, another where it is not `blocked`), and the entries one of whose matching signals is a
   * phrase of several words.
   */
  hits(words: readonly MessageWord[], blocked: readonly boolean[], calmed: readonly boolean[]): SafetyHits {
    if (this.candidate.length !== this.filings) {
      this.candidate = new Uint32Array(this.filings);
      this.matched = new Uint32Array(this.emergency.length);
      this.pass = 0;
    }
    if (++this.pass === 0xffffffff) {
      this.candidate.fill(0);
      this.matched.fill(0);
      this.pass = 1;
    }
    const pass = this.pass;
    const candidates: FiledSignal[] = [];
    for (let i = 0; i < words.length; i++) {
      const at = this.index.at(words[i]!);
      // A word's filings are the same wherever it stands: once per message is enough.
      if (at.all.length === 0 || this.wordsSeen.get(at) === pass) continue;
      this.wordsSeen.set(at, pass);
      for (const filed of at.all) {
        if (this.candidate[filed.id] === pass) continue;
        this.candidate[filed.id] = pass;
        candidates.push(filed);
      }
    }
    const found = (signalId: number) => void (this.matched[signalId] = pass);
    // Where the two masks agree (no sign of the past or of alerts: nearly always), one pass for all.
    if (sameMask(blocked, calmed)) this.trie.matchAnywhere(words, (start) => !blocked[start], found);
    else {
      this.trie.matchAnywhere(words, (start) => !calmed[start], (id) => this.emergency[id] && found(id));
      this.trie.matchAnywhere(words, (start) => !blocked[start], (id) => !this.emergency[id] && found(id));
    }
    const hitsByEntry = new Map<number, number>();
    const phrases = new Set<number>();
    for (const { entryIndex, signal, signalId } of candidates) {
      if (this.matched[signalId] !== pass) continue;
      hitsByEntry.set(entryIndex, (hitsByEntry.get(entryIndex) ?? 0) + 1);
      if (signal.length > 1) phrases.add(entryIndex);
    }
    return { hitsByEntry, phrases };
  }
}

function sameMask(a: readonly boolean[], b: readonly boolean[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
