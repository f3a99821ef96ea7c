import type { InboundActivity } from "../src/channels/activity.js";
import type { BenchMessage } from "./messages.js";

/**
 * A citizen's message as a channel posts it to /api/messages, asking for the replies in the
 * response body (deliveryMode "expectReplies"), so that one request is one whole turn. It follows the
 * Agents SDK's Activity schema as well as botbuilder's (the SDK refuses, for one, an empty conversation
 * name), so that both hosts answer it.
 */
export function benchActivity(message: BenchMessage, conversationId: string, sequence: number): InboundActivity & { readonly timestamp: Date } {
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
    conversation: { id: conversationId, isGroup: false, conversationType: "personal" },
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
