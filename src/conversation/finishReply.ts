import type { Reply } from "../answers/reply.js";
import { activeNotice } from "../knowledge/activeNotice.js";
import type { Topic } from "../knowledge/topics.js";
import { containsPersonalData } from "../privacy/redactPersonalData.js";
import { withDisclosure, type AnsweredMessage } from "./answerMessage.js";
import type { ConversationData } from "./conversationData.js";
import type { KnowledgeBundle } from "./knowledgeBundle.js";

/** Answers that do not ask "did this help?": conversation turns, and emergencies, where only 112 matters. */
const NO_FEEDBACK: ReadonlySet<Topic> = new Set(["chat.greeting", "chat.thanks", "chat.help", "chat.abuse", "fallback", "redirect.emergency"]);

/**
 * Adds to an answer what the conversation still owes the citizen — the profile's temporary notice
 * and the automated-assistant disclosure on the first reply, the personal-data reminder once, the
 * feedback choices — and notes in `conversation` what was given and what answered.
 */
export function finishReply(answered: AnsweredMessage, bundle: KnowledgeBundle, conversation: ConversationData, text: string, now: Date): Reply {
  const { composer, knowledge } = bundle;
  const { language, outcome } = answered;
  let reply = answered.reply;
  if (!conversation.noticeShown) {
    const notice = activeNotice(knowledge.profile, now, language);
    if (notice) reply = withDisclosure(reply, composer.noticeLine(notice, language), outcome.topic);
    conversation.noticeShown = true;
  }
  if (!conversation.welcomed && !conversation.disclosed) {
    reply = withDisclosure(reply, composer.disclosure(language), outcome.topic);
    conversation.disclosed = true;
  }
  if (!conversation.privacyReminded && containsPersonalData(text)) {
    reply = { ...reply, text: `${reply.text}\n\n${composer.personalDataReminder(language)}` };
    conversation.privacyReminded = true;
  }
  if (outcome.entry && !answered.clarification && !NO_FEEDBACK.has(outcome.topic)) {
    reply = { ...reply, suggestions: [...reply.suggestions, composer.feedbackChoices(language)] };
  }
  if (outcome.entry) conversation.lastEntry = outcome.entry;
  return reply;
}
