import type { Storage, StoreItem, StoreItems } from "botbuilder";

/** Settings of a {@link BoundedMemoryStorage}; every one has a default. */
export interface BoundedMemoryStorageOptions {
  /** inactivity after which an entry is forgotten, counted from its last read or write (default 24 h) */
  readonly ttlMs?: number;
  /** most entries kept; beyond it the least recently used go first (default 20,000) */
  readonly maxEntries?: number;
  /** entries for which this is true are never evicted nor expired (default: a conversation in handover) */
  readonly isPinned?: (item: StoreItem) => boolean;
  /** the clock, in milliseconds (default `Date.now`) */
  readonly now?: () => number;
}

export const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_ENTRIES = 20_000;

interface Entry {
  /** the item as JSON, eTag included: callers get copies, and whatever would not survive a real store fails here too */
  readonly json: string;
  readonly eTag: string;
  lastUsed: number;
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
 * process, this one forgets entries after `ttlMs` of inactivity and keeps at most `maxEntries`, dropping
 * the least recently used first. Pinned entries (a conversation handed over to staff) are kept whatever
 * their age; they count towards the cap but are never evicted for it. eTags work as in `MemoryStorage`:
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
  private nextETag = 1;

  constructor(options: BoundedMemoryStorageOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!(this.ttlMs > 0)) throw new RangeError(`ttlMs must be a positive number of milliseconds, not ${this.ttlMs}.`);
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, not ${this.maxEntries}.`);
    }
    this.isPinned = options.isPinned ?? isInHandover;
    this.now = options.now ?? Date.now;
  }

  /** Entries held now, pinned ones included. */
  get size(): number {
    return this.recent.size + this.pinned.size;
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
    for (const [key, item] of Object.entries(changes) as Array<[string, StoreItem]>) {
      const eTag = String(this.nextETag++);
      const entry: Entry = { json: JSON.stringify({ ...item, eTag }), eTag, lastUsed: now };
      this.recent.delete(key);
      this.pinned.delete(key);
      (this.isPinned(item) ? this.pinned : this.recent).set(key, entry);
    }
    this.evictOverCap();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.recent.delete(key);
      this.pinned.delete(key);
    }
  }

  /** The entry under `key` unless it has expired (an expired one is dropped on the way). */
  private live(key: string, now: number): Entry | undefined {
    const pinned = this.pinned.get(key);
    if (pinned) return pinned;
    const entry = this.recent.get(key);
    if (entry && now - entry.lastUsed >= this.ttlMs) {
      this.recent.delete(key);
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
      this.recent.delete(key);
    }
  }

  private evictOverCap(): void {
    for (const key of this.recent.keys()) {
      if (this.size <= this.maxEntries) break;
      this.recent.delete(key);
    }
  }
}
