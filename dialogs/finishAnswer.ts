import type { Reply } from "../src/answers/reply.js";
import { withDisclosure, type AnsweredMessage } from "../src/conversation/answerMessage.js";
import type { KnowledgeBundle } from "../src/conversation/knowledgeBundle.js";
import { activeNotice } from "../src/knowledge/activeNotice.js";
import type { Topic } from "../src/knowledge/topics.js";
import { containsPersonalData } from "../src/privacy/redactPersonalData.js";
import type { ConversationState } from "./conversationState.js";
import type { RecordForStaff } from "./turnResult.js";

/** Answers that do not ask "did this help?": conversation turns, and emergencies, where only 112 matters. */
const NO_FEEDBACK: ReadonlySet<Topic> = new Set(["chat.greeting", "chat.thanks", "chat.help", "chat.abuse", "fallback", "redirect.emergency"]);

/** An answer as the citizen gets it, the state it leaves, and what staff learn from it. */
export interface FinishedAnswer {
  readonly reply: Reply;
  readonly state: ConversationState;
  readonly records: readonly RecordForStaff[];
}

/**
 * Adds to an answer what the conversation still owes the citizen (the profile's temporary notice and
 * the automated-assistant disclosure on the first reply, the personal-data reminder once, the feedback
 * choices), and returns the state that records what was given and what answered, with the staff
 * record of the turn: a question answered, or missed (a fallback, or a choice the bot had to ask).
 */
export function finishAnswer(answered: AnsweredMessage, bundle: KnowledgeBundle, state: ConversationState, text: string, now: Date, conversationId?: string): FinishedAnswer {
  const { composer, knowledge } = bundle;
  const { language, outcome } = answered;
  const next: { -readonly [K in keyof ConversationState]: ConversationState[K] } = { ...state };
  let reply = answered.reply;
  if (!next.noticeShown) {
    const notice = activeNotice(knowledge.profile, now, language);
    if (notice) reply = withDisclosure(reply, composer.noticeLine(notice, language), outcome.topic);
    next.noticeShown = true;
  }
  if (!next.welcomed && !next.disclosed) {
    reply = withDisclosure(reply, composer.disclosure(language), outcome.topic);
    next.disclosed = true;
  }
  if (!next.privacyReminded && containsPersonalData(text)) {
    reply = { ...reply, text: `${reply.text}\n\n${composer.personalDataReminder(language)}` };
    next.privacyReminded = true;
  }
  if (outcome.entry && !answered.clarification && !NO_FEEDBACK.has(outcome.topic)) {
    reply = { ...reply, suggestions: [...reply.suggestions, composer.feedbackChoices(language)] };
  }
  if (outcome.entry) next.lastEntry = outcome.entry;
  return { reply, state: next, records: recordsOf(answered, knowledge.comune, text, now, conversationId) };
}

function recordsOf(answered: AnsweredMessage, comune: string, text: string, at: Date, conversationId: string | undefined): RecordForStaff[] {
  const { outcome } = answered;
  if (answered.clarification) {
    const candidates = answered.clarification.map((e) => e.id);
    return [{ kind: "recordMissed", question: { comune, topic: "clarify", text, candidates, conversationId, at } }];
  }
  if (outcome.topic === "fallback") return [{ kind: "recordMissed", question: { comune, topic: "fallback", text, conversationId, at } }];
  if (outcome.entry) return [{ kind: "recordQuestion", question: { comune, entry: outcome.entry, topic: outcome.topic, at } }];
  return [];
}
