import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InteractionLog } from "../../src/staff/interactionLog.js";

function setup(now = "2026-11-23T10:00:00+01:00", options: { salt?: string; retentionDays?: number } = {}) {
  const dir = join(mkdtempSync(join(tmpdir(), "interactions-")), "log");
  let clock = new Date(now);
  const log = new InteractionLog({ dir, clock: () => clock, salt: options.salt ?? "test-salt", ...options });
  const lines = (file: string) =>
    readFileSync(join(dir, file), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { dir, log, lines, setNow: (iso: string) => (clock = new Date(iso)) };
}

describe("the missed-question log", () => {
  it("writes the text redacted, the conversation as a salted hash, in the file of the day", async () => {
    const { log, lines } = setup();
    await log.recordMissed({
      comune: "cento",
      topic: "clarify",
      text: "Buongiorno, sono Lucia Bernardi, il mio cell è 347 1234567: posso pagare la TARI qui?",
      candidates: ["contacts", "application"],
      conversationId: "conv-123",
    });
    const [record, ...rest] = lines("missed-2026-11-23.jsonl");
    expect(rest).toEqual([]);
    expect(record).toEqual({
      at: "2026-11-23T09:00:00.000Z",
      comune: "cento",
      topic: "clarify",
      text: "Buongiorno, sono [nome], il mio cell è [telefono]: posso pagare la TARI qui?",
      candidates: ["contacts", "application"],
      conversation: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(JSON.stringify(record)).not.toMatch(/Lucia|Bernardi|347|conv-123/);
  });

  it("gives the same conversation the same hash, and another salt another hash", async () => {
    const a = setup();
    const b = setup(undefined, { salt: "other-salt" });
    for (const { log } of [a, a, b]) await log.recordMissed({ comune: "cento", topic: "fallback", text: "zanzibar", conversationId: "conv-1" });
    const [first, second] = a.lines("missed-2026-11-23.jsonl");
    expect(first!.conversation).toBe(second!.conversation);
    expect(b.lines("missed-2026-11-23.jsonl")[0]!.conversation).not.toBe(first!.conversation);
  });

  it("puts a message after midnight in Rome in the next day's file", async () => {
    const { log, dir } = setup("2026-11-23T23:30:00Z");
    await log.recordMissed({ comune: "cento", topic: "fallback", text: "ciao?" });
    expect(readdirSync(dir)).toEqual(["missed-2026-11-24.jsonl"]);
  });
});

describe("feedback and answered questions", () => {
  it("keep entry, topic and time, never a text", async () => {
    const { log, lines } = setup();
    await log.recordFeedback({ comune: "mezzago", entry: "hours", topic: "policy.hours", helpful: false });
    await log.recordQuestion({ comune: "mezzago", entry: "hours", topic: "policy.hours" });
    expect(lines("feedback-2026-11-23.jsonl")).toEqual([
      { at: "2026-11-23T09:00:00.000Z", comune: "mezzago", entry: "hours", topic: "policy.hours", helpful: false },
    ]);
    expect(lines("questions-2026-11-23.jsonl")).toEqual([{ at: "2026-11-23T09:00:00.000Z", comune: "mezzago", entry: "hours", topic: "policy.hours" }]);
  });
});

describe("retention", () => {
  it("deletes whole files older than the retention, keeps the last 90 days", async () => {
    const { log, dir, setNow } = setup("2026-08-01T12:00:00+02:00");
    for (const at of ["2026-08-01T12:00:00+02:00", "2026-08-25T12:00:00+02:00", "2026-08-26T12:00:00+02:00"]) {
      setNow(at);
      await log.recordQuestion({ comune: "cento", entry: "hours", topic: "policy.hours" });
      await log.recordMissed({ comune: "cento", topic: "fallback", text: "zanzibar" });
    }
    writeFileSync(join(dir, "notes.txt"), "not ours");

    const deleted = await log.purgeOlderThan(90, new Date("2026-11-23T10:00:00+01:00"));
    expect(deleted.sort()).toEqual(["missed-2026-08-01.jsonl", "missed-2026-08-25.jsonl", "questions-2026-08-01.jsonl", "questions-2026-08-25.jsonl"]);
    expect(readdirSync(dir).sort()).toEqual(["missed-2026-08-26.jsonl", "notes.txt", "questions-2026-08-26.jsonl"]);
  });

  it("purges by itself on the first write of a day", async () => {
    const { log, dir, setNow } = setup("2026-08-01T12:00:00+02:00", { retentionDays: 30 });
    await log.recordMissed({ comune: "cento", topic: "fallback", text: "zanzibar" });
    setNow("2026-09-15T12:00:00+02:00");
    await log.recordMissed({ comune: "cento", topic: "fallback", text: "zanzibar" });
    expect(readdirSync(dir)).toEqual(["missed-2026-09-15.jsonl"]);
  });

  it("purges on a schedule too, for days without traffic", async () => {
    const { log, dir, setNow } = setup("2026-08-01T12:00:00+02:00", { retentionDays: 30 });
    await log.recordMissed({ comune: "cento", topic: "fallback", text: "zanzibar" });
    setNow("2026-09-15T12:00:00+02:00");
    const stop = log.scheduleRetention(60_000);
    stop();
    // The first purge starts at once, in the background.
    await expect.poll(() => readdirSync(dir)).toEqual([]);
  });

  it("does not write a record dated before the retention", async () => {
    const { log, dir } = setup();
    await log.recordQuestion({ comune: "cento", entry: "hours", topic: "policy.hours", at: new Date("2026-01-01T10:00:00Z") });
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});

describe("when the folder cannot be written", () => {
  it("does not throw into the conversation, and logs without the text", async () => {
    const base = mkdtempSync(join(tmpdir(), "interactions-"));
    writeFileSync(join(base, "file"), "");
    const warnings: unknown[] = [];
    const logger = { warn: (obj: unknown) => void warnings.push(obj), info: () => undefined };
    const log = new InteractionLog({ dir: join(base, "file", "log"), logger });
    await expect(log.recordMissed({ comune: "cento", topic: "fallback", text: "sono Lucia Bernardi" })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain("Lucia");
  });
});

describe("records written in batches", () => {
  it("has every record on disk once drained, those not awaited too, in the order given", async () => {
    const { log, lines } = setup();
    await log.recordQuestion({ comune: "cento", entry: "hours", topic: "policy.hours" });
    for (let i = 0; i < 50; i++) void log.recordQuestion({ comune: "cento", entry: `entry-${i}`, topic: "policy.hours" });
    void log.recordMissed({ comune: "cento", topic: "fallback", text: "zanzibar" });
    await log.drain();
    expect(lines("questions-2026-11-23.jsonl").map((r) => r.entry)).toEqual(["hours", ...Array.from({ length: 50 }, (_, i) => `entry-${i}`)]);
    expect(lines("missed-2026-11-23.jsonl")).toHaveLength(1);
  });

  it("resolves each record's promise once its line is on disk", async () => {
    const { log, lines } = setup();
    await log.recordQuestion({ comune: "cento", entry: "hours", topic: "policy.hours" });
    await Promise.all([log.recordQuestion({ comune: "cento", entry: "a", topic: "policy.hours" }), log.recordFeedback({ comune: "cento", entry: "a", topic: "policy.hours", helpful: true })]);
    expect(lines("questions-2026-11-23.jsonl").map((r) => r.entry)).toEqual(["hours", "a"]);
    expect(lines("feedback-2026-11-23.jsonl")).toHaveLength(1);
  });

  it("logs a failed batch without throwing, and writes again once the folder can be made", async () => {
    const base = mkdtempSync(join(tmpdir(), "interactions-"));
    const dir = join(base, "log");
    const warnings: unknown[] = [];
    const log = new InteractionLog({ dir, clock: () => new Date("2026-11-23T10:00:00+01:00"), logger: { warn: (obj: unknown) => void warnings.push(obj), info: () => undefined } });
    await log.recordQuestion({ comune: "cento", entry: "hours", topic: "policy.hours" });
    rmSync(dir, { recursive: true });
    writeFileSync(dir, "in the way");
    await expect(Promise.all([1, 2, 3].map(() => log.recordQuestion({ comune: "cento", entry: "hours", topic: "policy.hours" })))).resolves.toEqual([undefined, undefined, undefined]);
    expect(warnings).toEqual([expect.objectContaining({ kinds: ["questions"] })]);
    rmSync(dir);
    await log.recordQuestion({ comune: "cento", entry: "again", topic: "policy.hours" });
    expect(readFileSync(join(dir, "questions-2026-11-23.jsonl"), "utf8")).toContain('"entry":"again"');
  });
});
