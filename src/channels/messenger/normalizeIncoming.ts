import type { InboundActivity } from "../activity.js";

/** The payload of the Get Started button (set by `npm run messenger:profile`). */
export const GET_STARTED_PAYLOAD = "GET_STARTED";

/**
 * The Messenger event as Azure Bot Service's Facebook channel puts it in `channelData`: the
 * webhook's messaging item (sender, recipient, timestamp, message or postback). Shapes from
 * Microsoft's Facebook-events sample (BotBuilder-Samples, 23.facebook-events: `channelData.postback`,
 * `channelData.message.quick_reply`) and Messenger's webhook reference (messages, messaging_postbacks).
 */
export interface MessengerChannelData {
  readonly sender?: { readonly id?: string };
  readonly recipient?: { readonly id?: string };
  readonly timestamp?: number;
  readonly message?: { readonly mid?: string; readonly text?: string; readonly quick_reply?: { readonly payload?: unknown } };
  readonly postback?: { readonly payload?: unknown; readonly title?: string };
}

/**
 * What a Messenger citizen "said", to be handled like typed text: the payload of a tapped button
 * (Get Started, persistent menu, card postback) or quick reply, else the message text. On a quick
 * reply the channel sets `text` to the reply's title, which is cut to 20 characters on Messenger;
 * the payload holds the whole text. Other channels: the activity's text.
 */
export function typedTextOf(activity: Partial<InboundActivity>): string | undefined {
  if (activity.channelId === "facebook") {
    const data = messengerDataOf(activity);
    const payload = data?.postback?.payload ?? data?.message?.quick_reply?.payload;
    if (typeof payload === "string" && payload.trim() !== "") return payload;
  }
  return activity.text;
}

/** True for the postback Messenger sends when a person taps Get Started. */
export function isGetStarted(activity: Partial<InboundActivity>): boolean {
  return activity.channelId === "facebook" && messengerDataOf(activity)?.postback?.payload === GET_STARTED_PAYLOAD;
}

/** The channel data of an activity from the Facebook channel, when it has the Messenger shape. */
export function messengerDataOf(activity: Partial<InboundActivity>): MessengerChannelData | undefined {
  const data: unknown = activity.channelData;
  return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as MessengerChannelData) : undefined;
}
