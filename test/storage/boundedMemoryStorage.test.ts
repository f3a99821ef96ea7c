import { describe, expect, it } from "vitest";
import { BoundedMemoryStorage, DEFAULT_TTL_MS, isInHandover, StorageItemTooLarge } from "../../src/storage/boundedMemoryStorage.js";

const HOUR = 60 * 60 * 1000;

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2025, 0, 13, 9)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function keysIn(storage: BoundedMemoryStorage, keys: string[]): Promise<string[]> {
  return Object.keys(await storage.read(keys));
}

describe("BoundedMemoryStorage, when entries are left alone", () => {
  it("forgets an entry after 24 hours without reads or writes", async () => {
    const clock = manualClock();
    const storage = new BoundedMemoryStorage({ now: clock.now });
    await storage.write({ a: { n: 1 } });
    clock.advance(DEFAULT_TTL_MS - 1);
    expect(await keysIn(storage, ["a"])).toEqual(["a"]);
    clock.advance(DEFAULT_TTL_MS);
    expect(await keysIn(storage, ["a"])).toEqual([]);
    expect(storage.size).toBe(0);
  });

  it("counts inactivity from the last read, not from the write", async () => {
    const clock = manualClock();
    const storage = new BoundedMemoryStorage({ ttlMs: 2 * HOUR, now: clock.now });
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    clock.advance(1.5 * HOUR);
    await storage.read(["a"]);
    clock.advance(1.5 * HOUR);
    expect(await keysIn(storage, ["a", "b"])).toEqual(["a"]);
  });

  it("drops expired entries on the next write, even if nobody reads them", async () => {
    const clock = manualClock();
    const storage = new BoundedMemoryStorage({ ttlMs: HOUR, now: clock.now });
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    clock.advance(HOUR);
    await storage.write({ c: { n: 3 } });
    expect(storage.size).toBe(1);
  });
});

describe("BoundedMemoryStorage, when the cap is reached", () => {
  it("evicts the least recently used entry first", async () => {
    const clock = manualClock();
    const storage = new BoundedMemoryStorage({ maxEntries: 3, now: clock.now });
    await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
    await storage.read(["a"]); // now b is the least recently used
    await storage.write({ d: { n: 4 } });
    expect(await keysIn(storage, ["a", "b", "c", "d"])).toEqual(["a", "c", "d"]);
    await storage.write({ c: { n: 33 }, e: { n: 5 } }); // the read above touched a, c, d in that order
    expect(await keysIn(storage, ["a", "b", "c", "d", "e"])).toEqual(["c", "d", "e"]);
    expect(storage.size).toBe(3);
  });
});

describe("BoundedMemoryStorage, counted in bytes", () => {
  /** An item whose JSON is about `chars` characters long. */
  const sized = (chars: number) => ({ conversationData: { pad: "x".repeat(chars) } });

  it("keeps the total under maxBytes however the entries are sized, evicting the least recently used", async () => {
    const storage = new BoundedMemoryStorage({ maxBytes: 100_000, maxEntryBytes: 20_000 });
    for (let i = 0; i < 200; i++) {
      await storage.write({ [`k${i}`]: sized(i % 2 === 0 ? 9_000 : 100) });
      expect(storage.bytes).toBeLessThanOrEqual(100_000);
    }
    expect(storage.size).toBeLessThan(200);
    expect(await keysIn(storage, ["k0", "k199"])).toEqual(["k199"]);
  });

  it("counts the key too, so long conversation ids cannot grow it unseen", async () => {
    const storage = new BoundedMemoryStorage({ maxBytes: 50_000, maxEntryBytes: 5_000 });
    for (let i = 0; i < 100; i++) await storage.write({ [`test/conversations/${"c".repeat(500)}-${i}/`]: { n: i } });
    expect(storage.bytes).toBeLessThanOrEqual(50_000);
    expect(storage.size).toBeLessThan(100);
  });

  it("gives back the bytes of entries that expire, are deleted or are overwritten", async () => {
    const clock = manualClock();
    const storage = new BoundedMemoryStorage({ ttlMs: HOUR, now: clock.now });
    await storage.write({ a: sized(1_000), b: sized(1_000) });
    const both = storage.bytes;
    await storage.write({ a: sized(10) });
    expect(storage.bytes).toBeLessThan(both);
    await storage.delete(["a"]);
    clock.advance(HOUR);
    await storage.write({ c: sized(10) });
    const [c] = Object.values(await storage.read(["c"]));
    expect(storage.size).toBe(1);
    expect(storage.bytes).toBe(2 * (1 + JSON.stringify(c).length) + 128);
  });

  it("refuses an entry over maxEntryBytes with a clear error, writing nothing of that batch", async () => {
    const storage = new BoundedMemoryStorage({ maxEntryBytes: 4_096 });
    await storage.write({ a: { n: 1 } });
    const write = storage.write({ b: { n: 2 }, a: sized(4_000) });
    await expect(write).rejects.toThrow(StorageItemTooLarge);
    await expect(write).rejects.toMatchObject({ key: "a", limit: 4096, bytes: expect.any(Number) });
    await expect(storage.write({ a: sized(4_000) })).rejects.toThrow(/state under "a" is about \d+ bytes, over the limit of 4096/);
    expect(Object.keys(await storage.read(["a", "b"]))).toEqual(["a"]);
    expect((await storage.read(["a"])).a.n).toBe(1);
  });

  it("counts pinned entries towards the total but never evicts them", async () => {
    const storage = new BoundedMemoryStorage({ maxBytes: 30_000, maxEntryBytes: 20_000 });
    await storage.write({ staff: { conversationData: { handover: { since: "x" }, pad: "x".repeat(5_000) } } });
    for (let i = 0; i < 20; i++) await storage.write({ [`k${i}`]: sized(1_000) });
    expect(storage.bytes).toBeLessThanOrEqual(30_000);
    expect(await keysIn(storage, ["staff", "k0", "k19"])).toEqual(["staff", "k19"]);
  });
});

describe("BoundedMemoryStorage, for a conversation handed over to staff", () => {
  const handedOver = { conversationData: { handover: { since: "2025-01-13T09:00:00.000Z" } }, dialogState: {} };

  it("recognises a handover in any top-level state object", () => {
    expect(isInHandover(handedOver)).toBe(true);
    expect(isInHandover({ userData: { handover: true } })).toBe(true);
    expect(isInHandover({ conversationData: { handover: undefined, language: "en" } })).toBe(false);
    expect(isInHandover({ handover: true })).toBe(false);
  });

  it("keeps it past the inactivity limit and past the cap", async () => {
    const clock = manualClock();
    const storage = new BoundedMemoryStorage({ ttlMs: HOUR, maxEntries: 2, now: clock.now });
    await storage.write({ staff: handedOver });
    clock.advance(10 * HOUR);
    await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
    expect(await keysIn(storage, ["staff", "a", "b", "c"])).toEqual(["staff", "c"]);
    const [item] = Object.values(await storage.read(["staff"]));
    expect(item.conversationData).toEqual(handedOver.conversationData);
  });

  it("lets it expire again once the handover ends, counting from that write", async () => {
    const clock = manualClock();
    const storage = new BoundedMemoryStorage({ ttlMs: HOUR, now: clock.now });
    await storage.write({ staff: handedOver });
    clock.advance(10 * HOUR);
    await storage.write({ staff: { conversationData: { handover: undefined }, eTag: "*" } });
    clock.advance(HOUR - 1);
    expect(await keysIn(storage, ["staff"])).toEqual(["staff"]);
    clock.advance(HOUR);
    expect(await keysIn(storage, ["staff"])).toEqual([]);
  });

  it("uses the predicate it is given", async () => {
    const storage = new BoundedMemoryStorage({ maxEntries: 1, isPinned: (item) => item.keep === true });
    await storage.write({ kept: { keep: true } });
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    expect(await keysIn(storage, ["kept", "a", "b"])).toEqual(["kept"]);
  });
});

describe("BoundedMemoryStorage, eTags and copies", () => {
  it("gives each write a new eTag and accepts a write that carries the current one", async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 } });
    const first = (await storage.read(["a"])).a;
    await storage.write({ a: { ...first, n: 2 } });
    const second = (await storage.read(["a"])).a;
    expect(second.n).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it("rejects a write with a stale eTag, and writes nothing of that batch", async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(["a"])).a;
    await storage.write({ a: { n: 2, eTag: "*" } });
    await expect(storage.write({ b: { n: 9 }, a: { ...stale, n: 3 } })).rejects.toThrow(
      'Storage: error writing "a" due to eTag conflict.',
    );
    expect(await storage.read(["a", "b"])).toEqual({ a: { n: 2, eTag: expect.any(String) } });
  });

  it('always writes with eTag "*" or no eTag', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 2, eTag: "*" } });
    await storage.write({ a: { n: 3 } });
    expect((await storage.read(["a"])).a.n).toBe(3);
  });

  it("keeps copies, so changing an object after writing or reading it does not change the store", async () => {
    const storage = new BoundedMemoryStorage();
    const written = { conversationData: { language: "it" } };
    await storage.write({ a: written });
    written.conversationData.language = "en";
    const read = (await storage.read(["a"])).a;
    read.conversationData.language = "en";
    expect((await storage.read(["a"])).a.conversationData.language).toBe("it");
    expect(written).not.toHaveProperty("eTag");
  });

  it("deletes entries, and ignores keys it does not hold", async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 }, b: { conversationData: { handover: { since: "x" } } } });
    await storage.delete(["a", "b", "missing"]);
    expect(storage.size).toBe(0);
    expect(await storage.read(["a", "b"])).toEqual({});
  });
});

describe("BoundedMemoryStorage, when the settings are wrong", () => {
  it.each([
    [{ ttlMs: 0 }, "ttlMs must be a positive number of milliseconds, not 0."],
    [{ maxEntries: 0 }, "maxEntries must be a positive integer, not 0."],
    [{ maxEntries: 2.5 }, "maxEntries must be a positive integer, not 2.5."],
    [{ maxEntryBytes: 0 }, "maxEntryBytes must be positive and maxBytes at least as large, not 0 and 33554432."],
    [{ maxBytes: 1_000, maxEntryBytes: 2_000 }, "maxEntryBytes must be positive and maxBytes at least as large, not 2000 and 1000."],
  ])("refuses %o", (options, message) => {
    expect(() => new BoundedMemoryStorage(options)).toThrow(message);
  });
});
