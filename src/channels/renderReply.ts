import type { CardAction, HeroCardAttachment, OutgoingActivity } from "./activity.js";
import type { Reply, ReplyButton } from "../answers/reply.js";
import { capabilitiesOf, pickSuggestions, type ChannelCapabilities } from "./channelCapabilities.js";
import { linkAddresses } from "./linkAddresses.js";
import { paragraphs } from "./paragraphs.js";
import { plainText } from "./plainText.js";
import { splitText } from "./splitText.js";

/** Interface strings the renderer needs on some channels, already in the reply's language. */
export interface ReplyLabels {
  /** title of the card that carries the buttons where a card must have one (Messenger) */
  readonly cardTitle?: string;
}

const ELLIPSIS = "…";

/**
 * Turns a channel-independent reply into the Bot Framework activities (as JSON) the channel shows: on Web
 * Chat one markdown activity with the text (its web and e-mail addresses as links), a card with
 * every button and the suggested replies; on Messenger the same reply as plain text cut to
 * Messenger's limits (see channelCapabilities.ts), possibly as several activities in reading order.
 * Every channel gets one blank line between paragraphs.
 */
export function renderReply(reply: Reply, channelId?: string, labels: ReplyLabels = {}): OutgoingActivity[] {
  const can = capabilitiesOf(channelId);
  const shown = reply.buttons.filter((b) => canShow(b, can));
  const hidden = reply.buttons.filter((b) => !canShow(b, can));
  const body = paragraphs(reply.text);
  const text = withMissingContacts(can.markdown ? linkAddresses(body) : plainText(body), hidden);
  const format = can.markdown ? "markdown" : "plain";
  const chunks = splitText(text, can.maxTextLength);
  const activities: OutgoingActivity[] = chunks.map((chunk) => message(chunk, format));
  if (activities.length === 0) activities.push(message("", format));

  if (shown.length > 0) {
    const cards = cardsFor(shown, can, labels);
    // The buttons go under the last piece of text when it fits beside them, else on their own.
    let holder = activities[activities.length - 1]!;
    if ((holder.text ?? "").length > can.cardTextMax) {
      holder = message(undefined, format);
      activities.push(holder);
    }
    holder.attachments = cards;
    if (cards.length > 1) holder.attachmentLayout = "carousel";
  }

  const suggestions = pickSuggestions(reply.suggestions);
  if (suggestions) {
    // Suggested replies belong to the last message: a channel shows them only under the newest one.
    activities[activities.length - 1]!.suggestedActions = {
      to: [],
      actions: suggestions.items.slice(0, can.maxQuickReplies).map((item) => ({
        type: "imBack",
        title: shorten(item.title, can.quickReplyTitleMax),
        value: item.text,
      })),
    };
  }
  return activities;
}

function message(text: string | undefined, textFormat: "markdown" | "plain"): OutgoingActivity {
  const activity: OutgoingActivity = { type: "message", textFormat };
  if (text !== undefined) activity.text = text;
  return activity;
}

/** Whether the channel can offer this button; what it cannot is written in the text instead. */
function canShow(button: ReplyButton, can: ChannelCapabilities): boolean {
  switch (button.kind) {
    case "call":
      return can.callNumbers === "any" || /^\+\d{6,}$/.test(button.value);
    case "email":
      return can.mailtoLinks;
    case "url":
      return /^https?:\/\//i.test(button.value);
  }
}

/**
 * Adds a paragraph for each contact whose button the channel cannot show and that the text does
 * not already give, so that no number or address is lost.
 */
function withMissingContacts(text: string, hidden: readonly ReplyButton[]): string {
  const missing = hidden.filter((b) => !mentions(text, b));
  return [text, ...missing.map((b) => `${b.title}: ${b.value}`)].filter(Boolean).join("\n\n");
}

/** Numbers are compared as whole digit runs ("112" is not found in "0511234"), spaces ignored. */
function mentions(text: string, button: ReplyButton): boolean {
  if (button.kind !== "call") return text.toLowerCase().includes(button.value.toLowerCase());
  const wanted = digitsOf(button.value);
  return (text.match(/\+?\d[\d ]*\d|\d/g) ?? []).some((run) => {
    const digits = digitsOf(run);
    return digits === wanted || digits === wanted.replace(/^39/, "");
  });
}

function digitsOf(number: string): string {
  return number.replace(/\D/g, "");
}

/** The buttons on as many cards as the channel's per-card limit needs. */
function cardsFor(buttons: readonly ReplyButton[], can: ChannelCapabilities, labels: ReplyLabels): HeroCardAttachment[] {
  // Without a translated title, the first button's (already translated) title beats Messenger's "Options".
  const title = can.cardNeedsTitle ? shorten(labels.cardTitle ?? buttons[0]!.title, can.cardTitleMax) : "";
  const cards: HeroCardAttachment[] = [];
  for (let at = 0; at < buttons.length; at += can.maxCardButtons) {
    const actions = buttons.slice(at, at + can.maxCardButtons).map((b) => cardAction(b, can));
    cards.push({ contentType: "application/vnd.microsoft.card.hero", content: { title, images: [], buttons: actions } });
  }
  return cards;
}

function cardAction(button: ReplyButton, can: ChannelCapabilities): CardAction {
  const title = shorten(button.title, can.cardButtonTitleMax);
  switch (button.kind) {
    case "call":
      // A call action carries the bare number (Web Chat's hero card opens "tel:" + value); an openUrl one the tel: URL.
      return can.callAction === "call"
        ? { type: "call", title, value: button.value }
        : { type: "openUrl", title, value: `tel:${button.value}` };
    case "email":
      return { type: "openUrl", title, value: `mailto:${button.value}` };
    case "url":
      return { type: "openUrl", title, value: button.value };
  }
}

/** Cuts a title to `max` characters at a word boundary when it can, marking the cut with "…". */
export function shorten(title: string, max: number): string {
  if (title.length <= max) return title;
  const room = title.slice(0, max - ELLIPSIS.length);
  const atWord = room.replace(/\s+\S*$/, "");
  return `${(atWord.length >= room.length / 2 ? atWord : room).trimEnd()}${ELLIPSIS}`;
}
