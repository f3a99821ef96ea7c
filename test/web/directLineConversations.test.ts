import { describe, expect, it } from "vitest";
import { DirectLineConversations, type ConversationLimits } from "../../src/hosts/http/web/directLineConversations.js";

const limits: ConversationLimits = { maxConversations: 3, idleSeconds: 60, tokenSeconds: 120, maxActivities: 3 };

/** A store on a clock the test moves by hand. */
function store(overrides: Partial<ConversationLimits> = {}) {
  const clock = { now: 1_000_000 };
  return { clock, conversations: new DirectLineConversations({ ...limits, ...overrides }, () => clock.now) };
}

describe("the local Direct Line's memory", () => {
  it("forgets a conversation nobody used for longer than the idle limit", () => {
    const { clock, conversations } = store();
    const { conversation } = conversations.create();
    clock.now += 59_000;
    expect(conversations.find(conversation.id)).toBe(conversation);
    clock.now += 61_000;
    expect(conversations.find(conversation.id)).toBeUndefined();
    expect(conversations.size).toBe(0);
  });

  it("keeps at most the configured number, dropping the least recently used", () => {
    const { conversations } = store();
    const [a, b, c] = [conversations.create(), conversations.create(), conversations.create()].map((x) => x.conversation.id) as [string, string, string];
    conversations.find(a);
    conversations.create();
    expect(conversations.size).toBe(3);
    expect(conversations.find(b)).toBeUndefined();
    expect(conversations.find(a)).toBeDefined();
    expect(conversations.find(c)).toBeDefined();
  });

  it("refuses a token once it has expired, and a refreshed one keeps working", () => {
    const { clock, conversations } = store({ idleSeconds: 600 });
    const { conversation, issued } = conversations.create();
    clock.now += 50_000;
    const refreshed = conversations.issueToken(conversation);
    clock.now += 50_000;
    expect(conversations.holdsToken(conversation, issued.token)).toBe(true);
    clock.now += 30_000;
    expect(conversations.holdsToken(conversation, issued.token)).toBe(false);
    expect(conversations.holdsToken(conversation, refreshed.token)).toBe(true);
    expect(conversations.findByToken(issued.token)).toBeUndefined();
    expect(conversations.findByToken(refreshed.token)).toBe(conversation);
  });

  it("keeps only the latest activities, and a watermark before them starts at the oldest kept", () => {
    const { conversations } = store();
    const { conversation } = conversations.create();
    for (const text of ["1", "2", "3", "4", "5"]) conversations.append(conversation.id, { type: "message", text });
    expect(conversation.since(0)?.activities.map((a) => a.text)).toEqual(["3", "4", "5"]);
    expect(conversation.since(4)).toEqual({ activities: [expect.objectContaining({ text: "5" })], watermark: "5" });
    expect(conversation.since(6)).toBeUndefined();
  });

  it("keeps a transcript within its byte limit, always keeping the newest activity", () => {
    const { conversations } = store({ maxActivities: 100, maxTranscriptBytes: 10_000 });
    const { conversation } = conversations.create();
    for (let i = 0; i < 20; i++) conversations.append(conversation.id, { type: "message", text: `${i} ${"x".repeat(1000)}` });
    const kept = conversation.since(0)!.activities;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(5);
    expect(kept.at(-1)?.text).toMatch(/^19 /);
    expect(conversations.bytes).toBe(conversation.bytes);
    expect(conversation.bytes).toBeLessThanOrEqual(10_000);
    conversations.append(conversation.id, { type: "message", text: "y".repeat(20_000) });
    expect(conversation.since(0)!.activities.map((a) => a.text?.[0])).toEqual(["y"]);
  });

  it("forgets the least recently used conversations when all transcripts pass the total", () => {
    const { conversations } = store({ maxConversations: 10, maxActivities: 100, maxTotalBytes: 30_000 });
    const ids = Array.from({ length: 4 }, () => conversations.create().conversation.id);
    for (const id of ids) for (let i = 0; i < 5; i++) conversations.append(id, { type: "message", text: "x".repeat(1000) });
    expect(conversations.bytes).toBeLessThanOrEqual(30_000);
    expect(conversations.find(ids[0]!)).toBeUndefined();
    expect(conversations.find(ids[3]!)).toBeDefined();
  });

  it("gives every activity an id of its conversation, in order", () => {
    const { conversations } = store();
    const { conversation } = conversations.create();
    const ids = ["a", "b"].map((text) => conversations.append(conversation.id, { type: "message", text }));
    expect(ids).toEqual([`${conversation.id}|0000000`, `${conversation.id}|0000001`]);
    expect(conversations.append("gone", { type: "message" })).toBeUndefined();
  });
});
