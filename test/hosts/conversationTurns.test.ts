import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { InboundActivity, OutgoingActivity } from "../../src/channels/activity.js";
import { describeActivities } from "../../src/channels/describeActivities.js";
import { fixedKnowledge, type KnowledgeSource } from "../../src/conversation/knowledgeBundle.js";
import { fixedClock } from "../../src/conversation/officeHours.js";
import { ConversationTurns, stateKey, type ConversationTurnsDeps } from "../../src/hosts/conversationTurns.js";
import { createLogger } from "../../src/logger.js";
import { MemoryStateStore } from "../../src/storage/memoryStateStore.js";
import { StateConflict, type StateStore } from "../../src/storage/stateStore.js";
import { realBundle } from "../support/realKnowledge.js";

const INSIDE_HOURS = new Date("2026-11-24T10:00:00+01:00");

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger("info", stream), lines };
}

function turnsFor(overrides: Partial<ConversationTurnsDeps> = {}) {
  const { logger, lines } = capturedLogger();
  const store = new MemoryStateStore();
  const turns = new ConversationTurns({ knowledge: fixedKnowledge(realBundle("cento")), store, logger, clock: fixedClock(INSIDE_HOURS), salt: "salt", ...overrides });
  return { turns, store: (overrides.store ?? store) as StateStore, lines };
}

function message(text: string, fields: Partial<InboundActivity> = {}): InboundActivity {
  return { type: "message", id: "a1", text, locale: "it-IT", channelId: "test", conversation: { id: "conversation-1" }, from: { id: "u1" }, recipient: { id: "bot" }, ...fields };
}

/** Runs one turn and returns what it sent, one array per call of `send`. */
async function run(turns: ConversationTurns, activity: InboundActivity): Promise<OutgoingActivity[][]> {
  const sent: OutgoingActivity[][] = [];
  await turns.run(activity, async (activities) => {
    sent.push([...activities]);
  });
  return sent;
}

const said = (sent: OutgoingActivity[][]) => describeActivities(sent.flat());

describe("the turn log", () => {
  it("writes one line per turn with topic, entry, score and latency, and nothing the citizen typed", async () => {
    const { turns, lines } = turnsFor();
    await run(turns, message("sono Mario Rossi, tel 333 1234567, mi hanno rubato la bici in via Roma 12"));
    const turnLines = lines.filter((l) => l.msg === "turn");
    expect(turnLines).toHaveLength(1);
    expect(turnLines[0]).toMatchObject({ topic: "redirect.crime", entry: expect.any(String), channel: "test", type: "message" });
    expect(turnLines[0]!.latencyMs).toEqual(expect.any(Number));
    expect(turnLines[0]!.conversation).toMatch(/^[0-9a-f]{16}$/);
    const raw = JSON.stringify(lines);
    for (const secret of ["Mario", "Rossi", "333", "1234567", "via Roma", "bici", "conversation-1"]) expect(raw).not.toContain(secret);
  });
});

describe("a failed turn", () => {
  const failingKnowledge = (message: string): KnowledgeSource => {
    const bundle = realBundle("cento");
    let calls = 0;
    // The first call (the turn) fails; the second (the error reply) gets the knowledge.
    return { current: () => (calls++ === 0 ? (() => { throw new Error(message); })() : bundle) };
  };

  it("is logged without the personal data its error quotes, and the citizen gets the calm reply with 112", async () => {
    const { turns, lines } = turnsFor({ knowledge: failingKnowledge("cannot parse «sono Mario Rossi, chiamatemi al 333 1234567, mario.rossi@example.com»") });
    const sent = await run(turns, message("ciao"));
    const log = JSON.stringify(lines);
    expect(log).toContain("turn failed");
    for (const secret of ["Mario", "Rossi", "333 1234567", "mario.rossi@example.com"]) expect(log).not.toContain(secret);
    expect(said(sent)).toContain("112");
  });

  it("answers in the language the citizen chose, read from the conversation's state", async () => {
    const store = new MemoryStateStore();
    const activity = message("x", { locale: "it-IT" });
    await store.write(stateKey(activity), { v: 1, language: "en" });
    const { turns } = turnsFor({ knowledge: failingKnowledge("boom"), store });
    const sent = await run(turns, activity);
    expect(said(sent)).toMatch(/112/);
    expect(said(sent)).toMatch(/sorry|wrong|went/i);
  });

  it("when another turn of the same conversation saved first, is answered as a failed turn and logged as a conflict", async () => {
    const inner = new MemoryStateStore();
    const racing: StateStore = {
      read: (key) => inner.read(key),
      delete: (key) => inner.delete(key),
      write: async (key) => {
        throw new StateConflict(key);
      },
    };
    const { turns, lines } = turnsFor({ store: racing });
    const sent = await run(turns, message("in inglese"));
    expect(said(sent)).toMatch(/112/);
    expect(lines.some((l) => l.msg === "turn failed" && (l.err as { name?: string }).name === "StateConflict")).toBe(true);
  });
});

describe("the rate limit", () => {
  it("tells a conversation to slow down once, in its chosen language, and then lets extra messages pass in silence", async () => {
    const { turns } = turnsFor({ rateLimit: { burst: 2, perMinute: 1 } });
    await run(turns, message("in inglese"));
    await run(turns, message("orari della pagina?"));
    const told = said(await run(turns, message("orari della pagina?")));
    expect(told).toMatch(/112/);
    expect(told).toMatch(/[a-z]/);
    expect(told).not.toMatch(/ricevuto|troppi|piano/i);
    expect(await run(turns, message("orari della pagina?"))).toEqual([]);
  });
});

describe("handover to staff", () => {
  it("when the channel refuses, says it would hand over and then gives the usual way to reach a person", async () => {
    const refusing = { canPassToStaff: () => true, passToStaff: async () => false };
    const { turns, store } = turnsFor({ handover: refusing });
    const activity = message("voglio parlare con un operatore", { channelId: "facebook" });
    const sent = await run(turns, activity);
    expect(sent).toHaveLength(2);
    expect(describeActivities(sent[0]!)).toMatch(/Ti sto passando a una persona/);
    expect(describeActivities(sent[1]!)).toMatch(/800 375 515/);
    const stored = await store.read(stateKey(activity));
    expect(stored?.state).not.toHaveProperty("handover");
  });

  it("when the channel accepts, speaks before passing control, then keeps the conversation silent", async () => {
    const order: string[] = [];
    const accepting = { canPassToStaff: () => true, passToStaff: async () => (order.push("passed"), true) };
    const { turns } = turnsFor({ handover: accepting });
    const activity = message("voglio parlare con un operatore", { channelId: "facebook" });
    await turns.run(activity, async () => {
      order.push("said");
    });
    expect(order).toEqual(["said", "passed"]);
    expect(await run(turns, message("pronto?", { channelId: "facebook" }))).toEqual([]);
  });
});

describe("the conversation's state", () => {
  it("is compact JSON, written only when the turn changed it", async () => {
    let writes = 0;
    const inner = new MemoryStateStore();
    const counting: StateStore = { read: (k) => inner.read(k), delete: (k) => inner.delete(k), write: (k, s, e) => (writes++, inner.write(k, s, e)) };
    const { turns } = turnsFor({ store: counting });
    const activity = message("come vengono moderati i commenti?");
    await run(turns, activity);
    expect(writes).toBe(1);
    const stored = await inner.read(stateKey(activity));
    expect(JSON.stringify(stored?.state).length).toBeLessThan(1024);
    expect(stored?.state).toMatchObject({ v: 1, lastEntry: "moderation", disclosed: true });
    await run(turns, { ...activity, type: "typing" });
    expect(writes).toBe(1);
  });
});
