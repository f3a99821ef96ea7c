import { describe, expect, it } from "vitest";
import { NEW_CONVERSATION, MAX_STATE_BYTES, parseState, type ConversationState } from "../../dialogs/conversationState.js";
import { ConversationCore } from "../../dialogs/handleTurn.js";
import type { TurnInput } from "../../dialogs/turnInput.js";
import type { TurnResult } from "../../dialogs/turnResult.js";
import { fixedKnowledge } from "../../src/conversation/knowledgeBundle.js";
import { fixedClock } from "../../src/conversation/officeHours.js";
import { realBundle } from "../support/realKnowledge.js";

const MONDAY_MORNING = fixedClock(new Date("2026-11-23T10:00:00+01:00"));

/** One step of a conversation: what happens, and what the turn must say, answer, keep and do. */
interface Step {
  readonly input: TurnInput | string;
  readonly says?: RegExp;
  readonly saysNothing?: true;
  readonly topic?: string;
  readonly state?: Partial<Record<keyof ConversationState, unknown>>;
  readonly effects?: readonly string[];
}

const conversations: ReadonlyArray<{ name: string; comune: string; steps: readonly Step[] }> = [
  {
    name: "welcome, a question, feedback on it",
    comune: "cento",
    steps: [
      { input: { kind: "start", locale: "it-IT" }, says: /assistente automatico del Comune di Cento/, state: { welcomed: true, noticeShown: true } },
      { input: { kind: "start", locale: "it-IT" }, saysNothing: true },
      { input: "come vengono moderati i commenti?", topic: "policy.moderation", state: { lastEntry: "moderation" }, effects: ["recordQuestion"] },
      { input: "No, non mi aiuta", says: /Grazie del riscontro/, topic: "chat.thanks", effects: ["recordFeedback"] },
    ],
  },
  {
    name: "a first message without welcome gets the disclosure once; a language switch sticks",
    comune: "mezzago",
    steps: [
      { input: "a che ora rispondete?", says: /^Sono l'assistente automatico/, state: { disclosed: true } },
      { input: "in inglese per favore", topic: "chat.help", state: { language: "en" } },
      { input: "quali sono le regole per commentare?", says: /^Anyone|social/, topic: "policy.rules", state: { language: "en" } },
    ],
  },
  {
    name: "an emergency keeps 112 first and asks no feedback",
    comune: "mezzago",
    steps: [{ input: "c'è un incendio in cascina e un uomo è rimasto dentro", says: /^[^\n]*112/, topic: "redirect.emergency" }],
  },
  {
    name: "staff events: taken, a message in silence, returned",
    comune: "cento",
    steps: [
      { input: { kind: "staff", event: "taken" }, saysNothing: true, state: { handover: expect.objectContaining({ since: expect.any(String) }) } },
      { input: "pronto?", saysNothing: true },
      { input: { kind: "staff", event: "returned" }, says: /Sono di nuovo io/, state: { handover: undefined } },
    ],
  },
  {
    name: "a handover request on a channel with staff, in monitored hours",
    comune: "cento",
    steps: [{ input: { kind: "message", text: "voglio parlare con un operatore", canHandOver: true }, says: /Ti sto passando a una persona/, effects: ["passToStaff"], state: { handover: expect.anything() } }],
  },
  {
    name: "the rate-limit notice and the error reply, with 112",
    comune: "cento",
    steps: [
      { input: { kind: "overLimit" }, says: /112/ },
      { input: { kind: "failed" }, says: /112/ },
    ],
  },
];

describe("the conversation core, conversation by conversation", () => {
  it.each(conversations)("$name ($comune)", ({ comune, steps }) => {
    const core = new ConversationCore(fixedKnowledge(realBundle(comune)));
    let state = NEW_CONVERSATION;
    for (const step of steps) {
      const input: TurnInput = typeof step.input === "string" ? { kind: "message", text: step.input, locale: "it-IT" } : step.input;
      const result: TurnResult = core.handleTurn(input, state, MONDAY_MORNING);
      const text = result.replies.map((r) => r.text).join("\n\n");
      if (step.saysNothing) expect(result.replies).toEqual([]);
      if (step.says) expect(text).toMatch(step.says);
      if (step.topic) expect(result.outcome?.topic).toBe(step.topic);
      if (step.state) expect(result.state).toMatchObject(withoutUndefined(step.state));
      for (const [field, value] of Object.entries(step.state ?? {})) if (value === undefined) expect(result.state).not.toHaveProperty(field);
      if (step.effects) expect(result.effects.map((e) => e.kind)).toEqual(step.effects);
      expect(JSON.stringify(result.state).length).toBeLessThan(MAX_STATE_BYTES);
      state = parseState(JSON.parse(JSON.stringify(result.state)));
    }
  });
});

describe("a choice between two entries", () => {
  it("waits for the choice, answers it, and routes afresh a reply that is a new question", () => {
    const bundle = realBundle("cento");
    const core = new ConversationCore(fixedKnowledge(bundle));
    const [first, second] = bundle.knowledge.entries.filter((e) => e.topic.startsWith("policy."));
    const pending: ConversationState = { v: 1, pending: { candidates: [first!.id, second!.id], language: "it" } };
    const chosen = core.handleTurn({ kind: "message", text: bundle.composer.label(second!, "it") }, pending, MONDAY_MORNING);
    expect(chosen.outcome).toMatchObject({ entry: second!.id });
    expect(chosen.state.pending).toBeUndefined();
    const fresh = core.handleTurn({ kind: "message", text: "c'è una buca in strada" }, pending, MONDAY_MORNING);
    expect(fresh.outcome?.topic).toBe("redirect.report");
    expect(fresh.state.pending).toBeUndefined();
    const switched = core.handleTurn({ kind: "message", text: "in inglese" }, pending, MONDAY_MORNING);
    expect(switched.state.pending).toEqual(pending.pending);
  });
});

describe("a stored state", () => {
  it.each([
    ["not an object", "hello", NEW_CONVERSATION],
    ["an unknown language and a bad entry id", { v: 1, language: "fr", lastEntry: "../../etc" }, { v: 1 }],
    ["a pending choice of three", { v: 1, pending: { candidates: ["a", "b", "c"], language: "it" } }, { v: 1 }],
    ["an older botbuilder record", { conversationData: { welcomed: true }, dialogState: {}, eTag: "1" }, { v: 1 }],
    ["a good one", { v: 1, language: "en", lastEntry: "rules", welcomed: true, handover: { since: "2026-11-23T09:00:00.000Z" } }, { v: 1, language: "en", lastEntry: "rules", welcomed: true, handover: { since: "2026-11-23T09:00:00.000Z" } }],
  ])("%s is read as a working conversation", (_name, stored, expected) => {
    expect(parseState(stored)).toEqual(expected);
  });
});

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
