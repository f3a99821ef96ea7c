import { StateConflict, StateTooLarge, type StateStore, type StoredState } from "./stateStore.js";

/** Settings of a {@link MemoryStateStore}; every one has a default. */
export interface MemoryStateStoreOptions {
  /** inactivity after which a record is forgotten, counted from its last read or write (default 24 h) */
  readonly ttlMs?: number;
  /** most records kept; beyond it the least recently used go first (default 20,000) */
  readonly maxEntries?: number;
  /** most approximate bytes kept, all records together; beyond it the least recently used go first (default 32 MB) */
  readonly maxBytes?: number;
  /** largest approximate size of one record, key included; a larger write is refused with {@link StateTooLarge} (default 8 KB) */
  readonly maxEntryBytes?: number;
  /** records whose state makes this true are never evicted nor expired (default: a conversation in handover) */
  readonly isPinned?: (state: unknown) => boolean;
  /** the clock, in milliseconds (default `Date.now`) */
  readonly now?: () => number;
}

export const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_ENTRIES = 20_000;
/**
 * A typical state is about 200 characters of JSON, some 0.7 KB as counted here (two bytes a character, a
 * 100-character key, overhead): 32 MB holds the 20,000 records twice over, and still about 14,000 if
 * every state reached the core's 1 KB ceiling.
 */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/**
 * The core's state is at most about 1 KB of JSON, and a record is counted at two bytes per character, key
 * included: 8 KB admits about 4 KB of JSON, the blob store's limit, so both stores refuse the same states.
 * Anything near it means the state grows where it should not (a list that is never trimmed), and
 * refusing it early keeps one runaway conversation from crowding out hundreds of others.
 */
export const DEFAULT_MAX_ENTRY_BYTES = 8 * 1024;
/** The Map slot, the record object and two string headers, roughly. */
const ENTRY_OVERHEAD_BYTES = 128;

interface Entry {
  /** the state as JSON: callers get copies, and whatever would not survive a real store fails here too */
  readonly json: string;
  readonly eTag: string;
  /** what key and record cost in memory, roughly: V8 may keep a string in two bytes per character */
  readonly bytes: number;
  lastUsed: number;
}

/** True when the state has a truthy top-level `handover`, as the core's state has while staff hold the conversation. */
export function hasHandover(state: unknown): boolean {
  return typeof state === "object" && state !== null && Boolean((state as { handover?: unknown }).handover);
}

/**
 * Conversation state in memory, bounded, for a single instance: records are forgotten after `ttlMs` of
 * inactivity, at most `maxEntries` and `maxBytes` are kept, the least recently used dropped first, and
 * a record over `maxEntryBytes` is refused. Pinned records (a conversation handed over to staff) are kept
 * whatever their age; they count towards the caps but are never evicted for them.
 *
 * eTags behave as the blob store's `If-Match`: a write with an eTag succeeds only if the record is there
 * and carries it (`"*"` matches any record that is there), so a record expired or evicted since it was
 * read is a {@link StateConflict} too, as a deleted blob is; a write without an eTag always succeeds.
 */
export class MemoryStateStore implements StateStore {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  private readonly isPinned: (state: unknown) => boolean;
  private readonly now: () => number;
  /** unpinned records, least recently used first: a touch deletes and re-inserts, so eviction takes the head */
  private readonly recent = new Map<string, Entry>();
  /** pinned records, kept apart so that eviction never has to skip over them */
  private readonly pinned = new Map<string, Entry>();
  private totalBytes = 0;
  private nextETag = 1;
  /**
   * No unpinned record expires before this instant (the oldest one's last use plus the TTL, as last
   * seen), so that most calls skip looking: finding the head of a Map that records leave and re-enter
   * all the time walks over the slots they left, thousands of them in a full store.
   */
  private firstExpiry = Number.POSITIVE_INFINITY;

  constructor(options: MemoryStateStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    if (!(this.ttlMs > 0)) throw new RangeError(`ttlMs must be a positive number of milliseconds, not ${this.ttlMs}.`);
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, not ${this.maxEntries}.`);
    }
    if (!(this.maxEntryBytes > 0 && this.maxBytes >= this.maxEntryBytes)) {
      throw new RangeError(`maxEntryBytes must be positive and maxBytes at least as large, not ${this.maxEntryBytes} and ${this.maxBytes}.`);
    }
    this.isPinned = options.isPinned ?? hasHandover;
    this.now = options.now ?? Date.now;
  }

  /** Records held now, pinned ones included. */
  get size(): number {
    return this.recent.size + this.pinned.size;
  }

  /** Approximate bytes held now, pinned records included. */
  get bytes(): number {
    return this.totalBytes;
  }

  async read(key: string): Promise<StoredState | undefined> {
    const now = this.now();
    this.dropExpired(now);
    const entry = this.live(key, now);
    if (!entry) return undefined;
    this.touch(key, entry, now);
    return { state: JSON.parse(entry.json) as unknown, eTag: entry.eTag };
  }

  async write(key: string, state: object, eTag?: string): Promise<string> {
    const now = this.now();
    this.dropExpired(now);
    if (eTag !== undefined) {
      const old = this.live(key, now);
      if (!old || (eTag !== "*" && eTag !== old.eTag)) throw new StateConflict(key);
    }
    const json = JSON.stringify(state);
    const bytes = 2 * (key.length + json.length) + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.maxEntryBytes) throw new StateTooLarge(key, bytes, this.maxEntryBytes);
    const pinned = this.isPinned(state);
    const entry: Entry = { json, eTag: String(this.nextETag++), bytes, lastUsed: now };
    this.remove(key);
    (pinned ? this.pinned : this.recent).set(key, entry);
    if (!pinned) this.firstExpiry = Math.min(this.firstExpiry, now + this.ttlMs);
    this.totalBytes += bytes;
    this.evictOverCap();
    return entry.eTag;
  }

  async delete(key: string): Promise<void> {
    this.remove(key);
  }

  private remove(key: string): void {
    const entry = this.recent.get(key) ?? this.pinned.get(key);
    if (!entry) return;
    this.recent.delete(key);
    this.pinned.delete(key);
    this.totalBytes -= entry.bytes;
  }

  /** The record under `key` unless it has expired (an expired one is dropped on the way). */
  private live(key: string, now: number): Entry | undefined {
    const pinned = this.pinned.get(key);
    if (pinned) return pinned;
    const entry = this.recent.get(key);
    if (entry && now - entry.lastUsed >= this.ttlMs) {
      this.remove(key);
      return undefined;
    }
    return entry;
  }

  private touch(key: string, entry: Entry, now: number): void {
    entry.lastUsed = now;
    if (this.recent.delete(key)) this.recent.set(key, entry);
  }

  /** Drops expired records from the head, where the least recently used are: O(1) per record dropped. */
  private dropExpired(now: number): void {
    if (now < this.firstExpiry) return;
    this.firstExpiry = Number.POSITIVE_INFINITY;
    for (const [key, entry] of this.recent) {
      if (now - entry.lastUsed < this.ttlMs) {
        this.firstExpiry = entry.lastUsed + this.ttlMs;
        break;
      }
      this.remove(key);
    }
  }

  private evictOverCap(): void {
    if (this.size <= this.maxEntries && this.totalBytes <= this.maxBytes) return;
    for (const key of this.recent.keys()) {
      if (this.size <= this.maxEntries && this.totalBytes <= this.maxBytes) break;
      this.remove(key);
    }
  }
}
