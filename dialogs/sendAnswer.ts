import type { TurnContext } from "botbuilder";
import { withDisclosure, type AnsweredMessage } from "../src/conversation/answerMessage.js";
import { renderReply } from "../src/channels/renderReply.js";
import { TURN_OUTCOME } from "../src/bot/turnOutcome.js";
import type { DialogServices } from "./dialogServices.js";
import { containsPersonalData } from "../src/privacy/redactPersonalData.js";

/**
 * Sends an answer: adds the automated-assistant disclosure to the first reply of a conversation
 * that had no welcome, remembers what answered, and records the outcome for logs and the ask command.
 */
export async function sendAnswer(context: TurnContext, services: DialogServices, answered: AnsweredMessage): Promise<void> {
  const data = await services.conversationData.get(context, {});
  let reply = answered.reply;
  if (!data.welcomed && !data.disclosed) {
    reply = withDisclosure(reply, services.knowledge.current().composer.disclosure(answered.language), answered.outcome.topic);
    data.disclosed = true;
  }
  if (!data.privacyReminded && containsPersonalData(context.activity.text ?? "")) {
    reply = { ...reply, text: `${reply.text}\n\n${services.knowledge.current().composer.personalDataReminder(answered.language)}` };
    data.privacyReminded = true;
  }
  if (answered.outcome.entry) data.lastEntry = answered.outcome.entry;
  context.turnState.set(TURN_OUTCOME, answered.outcome);
  await context.sendActivities(renderReply(reply, context.activity.channelId, { cardTitle: services.knowledge.current().composer.t(answered.language, "cardTitle", { ns: "messenger" }) }));
}
