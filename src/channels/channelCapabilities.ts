import type { SuggestionSet } from "../answers/reply.js";

/** What one channel can show; the renderer shapes every reply to fit. */
export interface ChannelCapabilities {
  /** longest text of one message activity; longer texts are split */
  readonly maxTextLength: number;
  /** how many suggested replies (quick replies) one message may carry */
  readonly maxQuickReplies: number;
  readonly quickReplyTitleMax: number;
  readonly maxCardButtons: number;
  readonly cardButtonTitleMax: number;
  /** longest title of a card */
  readonly cardTitleMax: number;
  /** longest text shown together with buttons (Messenger's button template) */
  readonly cardTextMax: number;
  /** the card needs a title of its own (Messenger shows "Options" when it has none) */
  readonly cardNeedsTitle: boolean;
  /** mailto: links work as buttons */
  readonly mailtoLinks: boolean;
  /** call buttons work with any number, or only with an international "+" number */
  readonly callNumbers: "any" | "international";
  /**
   * the action type a call button is sent as: "call" with the bare number ("+39800375515", "112"),
   * or "openUrl" with the tel: URL
   */
  readonly callAction: "call" | "openUrl";
  /** markdown is rendered (not shown as raw symbols) */
  readonly markdown: boolean;
  readonly adaptiveCards: boolean;
}

/**
 * Web Chat (and Direct Line, the Emulator, the test adapter): text of any length, markdown, cards
 * with any number of buttons, mailto and tel links. A call button is a "call" action whose value is
 * the bare number: Web Chat 4.18's hero card opens `tel:${value}` (AdaptiveCardBuilder.ts in
 * botframework-webchat), so a value that already starts with "tel:" opens "tel:tel:…".
 */
const RICH: ChannelCapabilities = Object.freeze({
  maxTextLength: Number.POSITIVE_INFINITY,
  maxQuickReplies: Number.POSITIVE_INFINITY,
  quickReplyTitleMax: Number.POSITIVE_INFINITY,
  maxCardButtons: Number.POSITIVE_INFINITY,
  cardButtonTitleMax: Number.POSITIVE_INFINITY,
  cardTitleMax: Number.POSITIVE_INFINITY,
  cardTextMax: Number.POSITIVE_INFINITY,
  cardNeedsTitle: false,
  mailtoLinks: true,
  callNumbers: "any",
  callAction: "call",
  markdown: true,
  adaptiveCards: true,
});

/**
 * Messenger through Azure Bot Service's Facebook channel. Where each number comes from:
 * - text 2000, button template text 640, button titles 20: Messenger Send API limits
 *   (developers.facebook.com/docs/messenger-platform/send-messages, .../buttons).
 * - quick replies: the channel turns `suggestedActions` into Messenger quick replies. Microsoft's
 *   Facebook-events sample (BotBuilder-Samples, samples/javascript_nodejs/23.facebook-events) sends
 *   its "quick replies" with `ChoiceFactory.forChannel("facebook", …)`, which for up to 10 choices
 *   makes plain `suggestedActions` (imBack), and reads the tap back from
 *   `channelData.message.quick_reply`; no channelData is needed. botbuilder-dialogs' channel table
 *   (src/choices/channel.ts, `supportsSuggestedActions`) allows at most 10 on "facebook", so 10 it is
 *   (stricter than Messenger's own 11–13), with titles of 20 characters (`maxActionTitleLength`).
 * - 3 buttons per card: `supportsCardActions("facebook")` in the same file.
 * - a card becomes a generic template whose title holds 80 characters and whose text is not shown,
 *   and an untitled card gets the title "Options" (microsoft/botframework-sdk#1076, #4710).
 * - call buttons: the channel promotes an openUrl "tel:" action to Messenger's phone_number button,
 *   which needs "+" and the country code; a "call" action is rejected
 *   (microsoft/botframework-sdk#855, #4890). mailto: buttons fail (microsoft/botframework-sdk#1060).
 */
const MESSENGER: ChannelCapabilities = Object.freeze({
  maxTextLength: 2000,
  maxQuickReplies: 10,
  quickReplyTitleMax: 20,
  maxCardButtons: 3,
  cardButtonTitleMax: 20,
  cardTitleMax: 80,
  cardTextMax: 640,
  cardNeedsTitle: true,
  mailtoLinks: false,
  callNumbers: "international",
  callAction: "openUrl",
  markdown: false,
  adaptiveCards: false,
});

const BY_CHANNEL: Readonly<Record<string, ChannelCapabilities>> = Object.freeze({ facebook: MESSENGER });

/** What the channel with this id can show; unknown channels get the rich Web Chat rendering. */
export function capabilitiesOf(channelId: string | undefined): ChannelCapabilities {
  return (channelId !== undefined && BY_CHANNEL[channelId]) || RICH;
}

/**
 * Which suggestion set a channel shows when a reply offers several (a message carries one set).
 * Clarification choices win: the bot has just asked a question and the citizen must be able to
 * answer it with one tap. Feedback comes next: it is about the answer just given and is only
 * useful now. The menu comes last: it can always be reached by writing "menu" (and on Messenger
 * from the persistent menu). An answer's own actions (call, write, open) are card buttons, not
 * suggestions, so they never compete for this place.
 */
export const SUGGESTION_PRIORITY: ReadonlyArray<SuggestionSet["purpose"]> = Object.freeze(["clarify", "feedback", "menu"]);

/** The suggestion set a reply shows, by SUGGESTION_PRIORITY; empty sets are skipped. */
export function pickSuggestions(sets: readonly SuggestionSet[]): SuggestionSet | undefined {
  for (const purpose of SUGGESTION_PRIORITY) {
    const found = sets.find((s) => s.purpose === purpose && s.items.length > 0);
    if (found) return found;
  }
  return undefined;
}
