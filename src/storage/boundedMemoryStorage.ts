import type { Storage, StoreItem, StoreItems } from "botbuilder";

/** Settings of a {@link BoundedMemoryStorage}; every one has a default. */
export interface BoundedMemoryStorageOptions {
  /** inactivity after which an entry is forgotten, counted from its last read or write (default 24 h) */
  readonly ttlMs?: number;
  /** most entries kept; beyond it the least recently used go first (default 20,000) */
  readonly maxEntries?: number;
  /** most approximate bytes kept, all entries together; beyond it the least recently used go first (default 32 MB) */
  readonly maxBytes?: number;
  /** largest approximate size of one entry; a larger write is refused with an error (default 16 KB) */
  readonly maxEntryBytes?: number;
  /** entries for which this is true are never evicted nor expired (default: a conversation in handover) */
  readonly isPinned?: (item: StoreItem) => boolean;
  /** the clock, in milliseconds (default `Date.now`) */
  readonly now?: () => number;
}

export const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_ENTRIES = 20_000;
/** A conversation's state is about 200 bytes of JSON: 32 MB holds the 20,000 entries many times over. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MAX_ENTRY_BYTES = 16 * 1024;
/** The Map slot, the entry object and two string headers, roughly. */
const ENTRY_OVERHEAD_BYTES = 128;

interface Entry {
  /** the item as JSON, eTag included: callers get copies, and whatever would not survive a real store fails here too */
  readonly json: string;
  readonly eTag: string;
  /** what key and entry cost in memory, roughly: V8 may keep a string in two bytes per character */
  readonly bytes: number;
  lastUsed: number;
}

/** The error of a write whose entry is larger than `maxEntryBytes`; nothing of that write is stored. */
export class StorageItemTooLarge extends Error {
  override readonly name = "StorageItemTooLarge";
  constructor(
    readonly key: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`Storage: the state under "${key.slice(0, 80)}" is about ${bytes} bytes, over the limit of ${limit}.`);
  }
}

/**
 * True when any top-level state object of the item has a truthy `handover`, as
 * `conversationData.handover` has while staff hold the conversation.
 */
export function isInHandover(item: StoreItem): boolean {
  return Object.values(item).some(
    (state) => typeof state === "object" && state !== null && Boolean((state as Record<string, unknown>).handover),
  );
}

/**
 * Bot state in memory, bounded: botbuilder's `MemoryStorage` keeps every conversation for the life of the
 * process, this one forgets entries after `ttlMs` of inactivity and keeps at most `maxEntries` and
 * `maxBytes`, dropping the least recently used first; an entry over `maxEntryBytes` is refused. Memory
 * is bounded in bytes, not only in count. Pinned entries (a conversation handed over to staff) are kept
 * whatever their age; they count towards the caps but are never evicted for them. eTags work as in `MemoryStorage`:
 * `"*"` or no eTag always writes, a stale one rejects the whole write.
 */
export class BoundedMemoryStorage implements Storage {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly isPinned: (item: StoreItem) => boolean;
  private readonly now: () => number;
  /** unpinned entries, least recently used first: a touch deletes and re-inserts, so eviction takes the head */
  private readonly recent = new Map<string, Entry>();
  /** pinned entries, kept apart so that eviction never has to skip over them */
  private readonly pinned = new Map<string, Entry>();
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  private totalBytes = 0;
  private nextETag = 1;

  constructor(options: BoundedMemoryStorageOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!(this.ttlMs > 0)) throw new RangeError(`ttlMs must be a positive number of milliseconds, not ${this.ttlMs}.`);
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, not ${this.maxEntries}.`);
    }
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    if (!(this.maxEntryBytes > 0 && this.maxBytes >= this.maxEntryBytes)) {
      throw new RangeError(`maxEntryBytes must be positive and maxBytes at least as large, not ${this.maxEntryBytes} and ${this.maxBytes}.`);
    }
    this.isPinned = options.isPinned ?? isInHandover;
    this.now = options.now ?? Date.now;
  }

  /** Entries held now, pinned ones included. */
  get size(): number {
    return this.recent.size + this.pinned.size;
  }

  /** Approximate bytes held now, pinned entries included. */
  get bytes(): number {
    return this.totalBytes;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const now = this.now();
    this.dropExpired(now);
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.live(key, now);
      if (!entry) continue;
      this.touch(key, entry, now);
      items[key] = JSON.parse(entry.json) as StoreItem;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = this.now();
    this.dropExpired(now);
    // Check every eTag before writing anything, so that a conflict leaves the store as it was.
    for (const [key, item] of Object.entries(changes) as Array<[string, StoreItem]>) {
      const old = this.live(key, now);
      if (old && item.eTag && item.eTag !== "*" && item.eTag !== old.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    // Serialise and measure every item before storing any, so that one too large leaves the store as it was.
    const entries = (Object.entries(changes) as Array<[string, StoreItem]>).map(([key, item]) => {
      const eTag = String(this.nextETag++);
      const json = JSON.stringify({ ...item, eTag });
      const entry: Entry = { json, eTag, bytes: 2 * (key.length + json.length) + ENTRY_OVERHEAD_BYTES, lastUsed: now };
      if (entry.bytes > this.maxEntryBytes) {
        throw new StorageItemTooLarge(key, entry.bytes, this.maxEntryBytes);
      }
      return { key, entry, pinned: this.isPinned(item) };
    });
    for (const { key, entry, pinned } of entries) {
      this.remove(key);
      (pinned ? this.pinned : this.recent).set(key, entry);
      this.totalBytes += entry.bytes;
    }
    this.evictOverCap();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.remove(key);
  }

  private remove(key: string): void {
    const entry = this.recent.get(key) ?? this.pinned.get(key);
    if (!entry) return;
    this.recent.delete(key);
    this.pinned.delete(key);
    this.totalBytes -= entry.bytes;
  }

  /** The entry under `key` unless it has expired (an expired one is dropped on the way). */
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

  /** Drops expired entries from the head, where the least recently used are: O(1) per entry dropped. */
  private dropExpired(now: number): void {
    for (const [key, entry] of this.recent) {
      if (now - entry.lastUsed < this.ttlMs) break;
      this.remove(key);
    }
  }

  private evictOverCap(): void {
    for (const key of this.recent.keys()) {
      if (this.size <= this.maxEntries && this.totalBytes <= this.maxBytes) break;
      this.remove(key);
    }
  }
}
