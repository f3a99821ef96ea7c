import type { Activity } from "botbuilder";
import type { BenchMessage } from "./messages.js";

/**
 * A citizen's message as a channel posts it to /api/messages, asking for the replies in the
 * response body (deliveryMode "expectReplies"), so that one request is one whole turn.
 */
export function benchActivity(message: BenchMessage, conversationId: string, sequence: number): Partial<Activity> {
  return {
    type: "message",
    id: `m-${sequence}`,
    text: message.text,
    locale: message.locale,
    channelId: "bench",
    serviceUrl: "http://127.0.0.1:1/",
    deliveryMode: "expectReplies",
    from: { id: `citizen-${conversationId}`, name: "citizen" },
    recipient: { id: "bot", name: "bot" },
    conversation: { id: conversationId, isGroup: false, conversationType: "personal", name: "" },
    timestamp: new Date(),
  };
}

/** True when an expectReplies response body carries at least one reply activity. */
export function hasReplies(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    const activities = (parsed as { activities?: unknown } | null)?.activities;
    return Array.isArray(activities) && activities.length > 0;
  } catch {
    return false;
  }
}
