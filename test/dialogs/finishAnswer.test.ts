import { describe, expect, it } from "vitest";
import { NEW_CONVERSATION, type ConversationState } from "../../dialogs/conversationState.js";
import { finishAnswer } from "../../dialogs/finishAnswer.js";
import { answerMessage } from "../../src/conversation/answerMessage.js";
import { realBundle } from "../support/realKnowledge.js";

const NOW = new Date("2026-11-23T10:00:00+01:00");
const bundle = realBundle("cento");

function finished(text: string, state: ConversationState = NEW_CONVERSATION) {
  const answered = answerMessage(text, bundle, state, { locale: "it-IT", now: NOW });
  return { answered, ...finishAnswer(answered, bundle, state, text, NOW, "conversation-1") };
}

describe("answerMessage then finishAnswer, as the core calls them", () => {
  it("opens the first reply of a conversation with no welcome with the disclosure, and records it was given", () => {
    const { reply, state } = finished("come vengono moderati i commenti?");
    expect(reply.text).toMatch(/^Sono l'assistente automatico del Comune di Cento/);
    expect(state).toMatchObject({ disclosed: true, noticeShown: true, lastEntry: "moderation" });
    expect(finished("come vengono moderati i commenti?", state).reply.text).not.toMatch(/assistente automatico/);
  });

  it("after a welcome, gives no disclosure", () => {
    expect(finished("come vengono moderati i commenti?", { v: 1, welcomed: true }).reply.text).not.toMatch(/assistente automatico/);
  });

  it("reminds once not to write personal data, when a message carries some", () => {
    const first = finished("sono Mario Rossi, 333 1234567: c'è una buca in via Roma", { v: 1, welcomed: true });
    expect(first.reply.text).toMatch(/dati personali/);
    expect(first.state.privacyReminded).toBe(true);
    expect(finished("sono Mario Rossi, 333 1234567", first.state).reply.text).not.toMatch(/dati personali/);
  });

  it("asks whether an answer helped, but never after an emergency or a fallback", () => {
    const purposes = (text: string) => finished(text, { v: 1, welcomed: true }).reply.suggestions.map((s) => s.purpose);
    expect(purposes("come vengono moderati i commenti?")).toContain("feedback");
    expect(purposes("aiuto c'è un incendio in casa del vicino")).not.toContain("feedback");
    expect(purposes("qwzx blorf fnargh")).not.toContain("feedback");
  });

  it("records for staff an answered question by entry only, and a fallback with its text (redacted by the log)", () => {
    expect(finished("come vengono moderati i commenti?").records).toEqual([
      { kind: "recordQuestion", question: { comune: "cento", entry: "moderation", topic: "policy.moderation", at: NOW } },
    ]);
    expect(finished("qwzx blorf fnargh").records).toEqual([
      { kind: "recordMissed", question: { comune: "cento", topic: "fallback", text: "qwzx blorf fnargh", conversationId: "conversation-1", at: NOW } },
    ]);
  });

  it("leaves the state it was given as it was", () => {
    const state: ConversationState = { v: 1, welcomed: true };
    finished("come vengono moderati i commenti?", state);
    expect(state).toEqual({ v: 1, welcomed: true });
  });
});
