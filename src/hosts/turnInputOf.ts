import type { TurnInput } from "../../dialogs/turnInput.js";
import type { InboundActivity } from "../channels/activity.js";
import { handoverEventOf } from "../channels/messenger/handover.js";
import { isGetStarted, typedTextOf } from "../channels/messenger/normalizeIncoming.js";

/**
 * Reads a channel's activity as the conversation core's input: a message (a Messenger button's or
 * quick reply's payload counts as typed text), the start of a conversation (someone other than the bot
 * joined, or Messenger's Get Started), or a staff handover event. Undefined for anything the
 * conversation has nothing to say to (typing, the bot itself joining, other events).
 */
export function turnInputOf(activity: InboundActivity, canHandOver: boolean): TurnInput | undefined {
  const locale = activity.locale;
  const staff = handoverEventOf(activity);
  if (staff) return { kind: "staff", event: staff, ...(locale ? { locale } : {}) };
  if (activity.type === "message") {
    if (isGetStarted(activity)) return { kind: "start", ...(locale ? { locale } : {}) };
    return {
      kind: "message",
      text: typedTextOf(activity) ?? "",
      canHandOver,
      conversationId: activity.conversation.id,
      ...(locale ? { locale } : {}),
    };
  }
  if (activity.type === "conversationUpdate") {
    const joined = (activity.membersAdded ?? []).some((member) => member.id !== activity.recipient?.id);
    if (joined) return { kind: "start", ...(locale ? { locale } : {}) };
  }
  return undefined;
}
