import { describe, expect, it } from "vitest";
import { DEFAULT_TTL_MS, hasHandover, MemoryStateStore } from "../../src/storage/memoryStateStore.js";
import { StateConflict, StateTooLarge } from "../../src/storage/stateStore.js";

const HOUR = 60 * 60 * 1000;

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2025, 0, 13, 9)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** The keys among `keys` the store holds, read in that order (each read touches its record). */
async function keysIn(store: MemoryStateStore, keys: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const key of keys) if (await store.read(key)) found.push(key);
  return found;
}

/** A state whose JSON is about `chars` characters long. */
const sized = (chars: number) => ({ v: 1, pad: "x".repeat(chars) });

describe("MemoryStateStore, when records are left alone", () => {
  it("forgets a record after 24 hours without reads or writes", async () => {
    const clock = manualClock();
    const store = new MemoryStateStore({ now: clock.now });
    await store.write("a", { n: 1 });
    clock.advance(DEFAULT_TTL_MS - 1);
    expect(await keysIn(store, ["a"])).toEqual(["a"]);
    clock.advance(DEFAULT_TTL_MS);
    expect(await store.read("a")).toBeUndefined();
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it("counts inactivity from the last read, not from the write", async () => {
    const clock = manualClock();
    const store = new MemoryStateStore({ ttlMs: 2 * HOUR, now: clock.now });
    await store.write("a", { n: 1 });
    await store.write("b", { n: 2 });
    clock.advance(1.5 * HOUR);
    await store.read("a");
    clock.advance(1.5 * HOUR);
    expect(await keysIn(store, ["a", "b"])).toEqual(["a"]);
  });

  it("drops expired records on the next write, even if nobody reads them", async () => {
    const clock = manualClock();
    const store = new MemoryStateStore({ ttlMs: HOUR, now: clock.now });
    await store.write("a", { n: 1 });
    await store.write("b", { n: 2 });
    clock.advance(HOUR);
    await store.write("c", { n: 3 });
    expect(store.size).toBe(1);
  });

  it("drops each unread record when its own time comes, the ones read meanwhile later", async () => {
    const clock = manualClock();
    const store = new MemoryStateStore({ ttlMs: 10 * HOUR, now: clock.now });
    await store.write("a", { n: 1 });
    clock.advance(2 * HOUR);
    await store.write("b", { n: 2 });
    await store.write("c", { n: 3 });
    clock.advance(2 * HOUR);
    await store.read("a"); // a is now the most recently used: it goes last
    clock.advance(7 * HOUR); // b and c were last used 9 hours ago, a 7
    await store.delete("nothing");
    await store.write("d", { n: 4 });
    expect(store.size).toBe(4);
    clock.advance(1 * HOUR); // b and c reach 10 hours: dropped on the next write
    await store.write("d", { n: 5 });
    expect(store.size).toBe(2);
    clock.advance(2 * HOUR); // a reaches 10 hours since it was read
    await store.write("d", { n: 6 });
    expect(store.size).toBe(1);
    expect(store.bytes).toBeGreaterThan(0);
    clock.advance(10 * HOUR);
    await store.write("e", { n: 7 });
    expect(await keysIn(store, ["a", "b", "c", "d", "e"])).toEqual(["e"]);
  });
});

describe("MemoryStateStore, when the cap is reached", () => {
  it("evicts the least recently used record first", async () => {
    const store = new MemoryStateStore({ maxEntries: 3 });
    for (const key of ["a", "b", "c"]) await store.write(key, { key });
    await store.read("a"); // now b is the least recently used
    await store.write("d", { key: "d" });
    expect(await keysIn(store, ["a", "b", "c", "d"])).toEqual(["a", "c", "d"]);
    // That read touched a, c, d in this order: rewriting c and adding e leaves a the oldest.
    await store.write("c", { key: "c", n: 2 });
    await store.write("e", { key: "e" });
    expect(await keysIn(store, ["a", "b", "c", "d", "e"])).toEqual(["c", "d", "e"]);
    expect(store.size).toBe(3);
    expect((await store.read("c"))?.state).toEqual({ key: "c", n: 2 });
  });
});

describe("MemoryStateStore, counted in bytes", () => {
  it("keeps the total under maxBytes however the records are sized, evicting the least recently used", async () => {
    const store = new MemoryStateStore({ maxBytes: 100_000, maxEntryBytes: 20_000 });
    for (let i = 0; i < 200; i++) {
      await store.write(`k${i}`, sized(i % 2 === 0 ? 9_000 : 100));
      expect(store.bytes).toBeLessThanOrEqual(100_000);
    }
    expect(store.size).toBeLessThan(200);
    expect(await keysIn(store, ["k0", "k199"])).toEqual(["k199"]);
  });

  it("counts the key too, so long conversation ids cannot grow it unseen", async () => {
    const store = new MemoryStateStore({ maxBytes: 50_000, maxEntryBytes: 5_000 });
    for (let i = 0; i < 100; i++) await store.write(`test/conversations/${"c".repeat(500)}-${i}`, { n: i });
    expect(store.bytes).toBeLessThanOrEqual(50_000);
    expect(store.size).toBeLessThan(100);
  });

  it("gives back the bytes of records that expire, are deleted or are overwritten", async () => {
    const clock = manualClock();
    const store = new MemoryStateStore({ ttlMs: HOUR, now: clock.now });
    await store.write("a", sized(1_000));
    await store.write("b", sized(1_000));
    const both = store.bytes;
    await store.write("a", sized(10));
    expect(store.bytes).toBeLessThan(both);
    await store.delete("a");
    clock.advance(HOUR);
    await store.write("c", sized(10));
    expect(store.size).toBe(1);
    expect(store.bytes).toBe(2 * ("c".length + JSON.stringify(sized(10)).length) + 128);
  });

  it("refuses a record over maxEntryBytes with StateTooLarge, keeping the one already there", async () => {
    const store = new MemoryStateStore({ maxEntryBytes: 4_096 });
    await store.write("a", { n: 1 });
    const write = store.write("a", sized(4_000));
    await expect(write).rejects.toThrow(StateTooLarge);
    await expect(write).rejects.toMatchObject({ key: "a", limit: 4_096, bytes: expect.any(Number) });
    await expect(store.write("a", sized(4_000))).rejects.toThrow(/state under "a" is about \d+ bytes, over the limit of 4096/);
    expect((await store.read("a"))?.state).toEqual({ n: 1 });
    expect(store.size).toBe(1);
  });

  it("by default takes the core's 1 KB state with room to spare, and refuses one that has grown wild", async () => {
    const store = new MemoryStateStore();
    const key = `cento/msteams/conversations/${"c".repeat(200)}`;
    await store.write(key, sized(1_024));
    await store.write(key, sized(3_500));
    await expect(store.write(key, sized(5_000))).rejects.toThrow(StateTooLarge);
  });

  it("counts pinned records towards the total but never evicts them", async () => {
    const store = new MemoryStateStore({ maxBytes: 30_000, maxEntryBytes: 20_000 });
    await store.write("staff", { handover: { since: "x" }, pad: "x".repeat(5_000) });
    for (let i = 0; i < 20; i++) await store.write(`k${i}`, sized(1_000));
    expect(store.bytes).toBeLessThanOrEqual(30_000);
    expect(await keysIn(store, ["staff", "k0", "k19"])).toEqual(["staff", "k19"]);
  });
});

describe("MemoryStateStore, for a conversation handed over to staff", () => {
  const handedOver = { v: 1, language: "it", handover: { since: "2025-01-13T09:00:00.000Z" } };

  it("recognises a handover by the state's truthy handover field", () => {
    expect(hasHandover(handedOver)).toBe(true);
    expect(hasHandover({ handover: true })).toBe(true);
    expect(hasHandover({ v: 1, handover: undefined, language: "en" })).toBe(false);
    expect(hasHandover({ pending: { handover: true } })).toBe(false);
    expect(hasHandover(null)).toBe(false);
    expect(hasHandover("handover")).toBe(false);
  });

  it("keeps it past the inactivity limit and past the cap", async () => {
    const clock = manualClock();
    const store = new MemoryStateStore({ ttlMs: HOUR, maxEntries: 2, now: clock.now });
    await store.write("staff", handedOver);
    clock.advance(10 * HOUR);
    for (const key of ["a", "b", "c"]) await store.write(key, { key });
    expect(await keysIn(store, ["staff", "a", "b", "c"])).toEqual(["staff", "c"]);
    expect((await store.read("staff"))?.state).toEqual(handedOver);
  });

  it("lets it expire again once the handover ends, counting from that write", async () => {
    const clock = manualClock();
    const store = new MemoryStateStore({ ttlMs: HOUR, now: clock.now });
    const eTag = await store.write("staff", handedOver);
    clock.advance(10 * HOUR);
    await store.write("staff", { v: 1, language: "it" }, eTag);
    clock.advance(HOUR - 1);
    expect(await keysIn(store, ["staff"])).toEqual(["staff"]);
    clock.advance(HOUR);
    expect(await store.read("staff")).toBeUndefined();
  });

  it("uses the predicate it is given", async () => {
    const store = new MemoryStateStore({ maxEntries: 1, isPinned: (state) => (state as { keep?: boolean }).keep === true });
    await store.write("kept", { keep: true });
    await store.write("a", { n: 1 });
    await store.write("b", { n: 2 });
    expect(await keysIn(store, ["kept", "a", "b"])).toEqual(["kept"]);
  });
});

describe("MemoryStateStore, eTags and copies", () => {
  it("gives each write a new eTag, returned by the write and by the next read", async () => {
    const store = new MemoryStateStore();
    const first = await store.write("a", { n: 1 });
    expect(await store.read("a")).toEqual({ state: { n: 1 }, eTag: first });
    const second = await store.write("a", { n: 2 }, first);
    expect(second).not.toBe(first);
    expect(await store.read("a")).toEqual({ state: { n: 2 }, eTag: second });
  });

  it("refuses a write with a stale eTag with StateConflict, writing nothing", async () => {
    const store = new MemoryStateStore();
    const stale = await store.write("a", { n: 1 });
    const current = await store.write("a", { n: 2 }, stale); // another turn of the same conversation
    const write = store.write("a", { n: 3 }, stale);
    await expect(write).rejects.toThrow(StateConflict);
    await expect(write).rejects.toMatchObject({ key: "a" });
    expect(await store.read("a")).toEqual({ state: { n: 2 }, eTag: current });
  });

  it("refuses a write with an eTag once the record is gone (deleted, expired or evicted since it was read)", async () => {
    const clock = manualClock();
    const store = new MemoryStateStore({ ttlMs: HOUR, maxEntries: 1, now: clock.now });
    const deleted = await store.write("a", { n: 1 });
    await store.delete("a");
    await expect(store.write("a", { n: 2 }, deleted)).rejects.toThrow(StateConflict);
    const expired = await store.write("a", { n: 1 });
    clock.advance(HOUR);
    await expect(store.write("a", { n: 2 }, expired)).rejects.toThrow(StateConflict);
    const evicted = await store.write("a", { n: 1 });
    await store.write("b", { n: 1 });
    await expect(store.write("a", { n: 2 }, evicted)).rejects.toThrow(StateConflict);
    expect(await keysIn(store, ["a", "b"])).toEqual(["b"]);
  });

  it('writes whatever is there without an eTag, and with "*" over any record that is there', async () => {
    const store = new MemoryStateStore();
    await store.write("a", { n: 1 });
    await store.write("a", { n: 2 });
    expect((await store.read("a"))?.state).toEqual({ n: 2 });
    await store.write("a", { n: 3 }, "*");
    expect((await store.read("a"))?.state).toEqual({ n: 3 });
    await expect(store.write("missing", { n: 1 }, "*")).rejects.toThrow(StateConflict);
  });

  it("keeps copies, so changing an object after writing or reading it does not change the store", async () => {
    const store = new MemoryStateStore();
    const written = { language: "it", pending: { topic: "tari" } };
    await store.write("a", written);
    written.pending.topic = "imu";
    const read = (await store.read("a"))?.state as typeof written;
    read.language = "en";
    expect((await store.read("a"))?.state).toEqual({ language: "it", pending: { topic: "tari" } });
    expect(written).not.toHaveProperty("eTag");
  });

  it("deletes records, pinned ones too, and ignores keys it does not hold", async () => {
    const store = new MemoryStateStore();
    await store.write("a", { n: 1 });
    await store.write("b", { handover: { since: "x" } });
    for (const key of ["a", "b", "missing"]) await store.delete(key);
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
    expect(await keysIn(store, ["a", "b"])).toEqual([]);
  });

  it("refuses a state that is not JSON, writing nothing", async () => {
    const store = new MemoryStateStore();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(store.write("a", circular)).rejects.toThrow(TypeError);
    expect(store.size).toBe(0);
  });
});

describe("MemoryStateStore, when the settings are wrong", () => {
  it.each([
    [{ ttlMs: 0 }, "ttlMs must be a positive number of milliseconds, not 0."],
    [{ maxEntries: 0 }, "maxEntries must be a positive integer, not 0."],
    [{ maxEntries: 2.5 }, "maxEntries must be a positive integer, not 2.5."],
    [{ maxEntryBytes: 0 }, "maxEntryBytes must be positive and maxBytes at least as large, not 0 and 33554432."],
    [{ maxBytes: 1_000, maxEntryBytes: 2_000 }, "maxEntryBytes must be positive and maxBytes at least as large, not 2000 and 1000."],
  ])("refuses %o", (options, message) => {
    expect(() => new MemoryStateStore(options)).toThrow(message);
  });
});
