import type { TurnContext } from "botbuilder";
import { TURN_OUTCOME } from "../src/bot/turnOutcome.js";
import { renderReply } from "../src/channels/renderReply.js";
import type { AnsweredMessage } from "../src/conversation/answerMessage.js";
import { finishReply } from "../src/conversation/finishReply.js";
import type { DialogServices } from "./dialogServices.js";

/**
 * Sends an answer, finished with what the conversation still owes the citizen, rendered for the
 * channel; records the outcome for logs and the ask command, and the turn for staff (redacted).
 */
export async function sendAnswer(context: TurnContext, services: DialogServices, answered: AnsweredMessage): Promise<void> {
  const data = await services.conversationData.get(context, {});
  const bundle = services.knowledge.current();
  const now = services.clock.now();
  const text = context.activity.text ?? "";
  const reply = finishReply(answered, bundle, data, text, now);
  context.turnState.set(TURN_OUTCOME, answered.outcome);
  const cardTitle = bundle.composer.t(answered.language, "cardTitle", { ns: "messenger" });
  await context.sendActivities(renderReply(reply, context.activity.channelId, { cardTitle }));

  // Recording never throws and never holds up the reply.
  const { outcome } = answered;
  const comune = bundle.knowledge.comune;
  const conversationId = context.activity.conversation?.id;
  if (answered.clarification) {
    void services.interactions.recordMissed({ comune, topic: "clarify", text, candidates: answered.clarification.map((e) => e.id), conversationId, at: now });
  } else if (outcome.topic === "fallback") {
    void services.interactions.recordMissed({ comune, topic: "fallback", text, conversationId, at: now });
  } else if (outcome.entry) {
    void services.interactions.recordQuestion({ comune, entry: outcome.entry, topic: outcome.topic, at: now });
  }
}
