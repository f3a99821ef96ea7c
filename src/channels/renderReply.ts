import { ActionTypes, ActivityTypes, CardFactory, type Activity, type CardAction } from "botbuilder";
import type { Reply, ReplyButton, SuggestionSet } from "../answers/reply.js";

/** Which suggestion set a channel shows when a reply offers several: a question asked wins. */
const SUGGESTION_PRIORITY: ReadonlyArray<SuggestionSet["purpose"]> = ["clarify", "feedback", "menu"];

/** Turns a channel-independent reply into the Bot Framework activity the channel shows. */
export function renderReply(reply: Reply, _channelId?: string): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: reply.text, textFormat: "plain" };
  if (reply.buttons.length > 0) {
    activity.attachments = [CardFactory.heroCard("", undefined, reply.buttons.map(cardAction))];
  }
  const suggestions = pickSuggestions(reply.suggestions);
  if (suggestions) {
    activity.suggestedActions = {
      to: [],
      actions: suggestions.items.map((item) => ({ type: ActionTypes.ImBack, title: item.title, value: item.text })),
    };
  }
  return activity;
}

export function pickSuggestions(sets: readonly SuggestionSet[]): SuggestionSet | undefined {
  for (const purpose of SUGGESTION_PRIORITY) {
    const found = sets.find((s) => s.purpose === purpose && s.items.length > 0);
    if (found) return found;
  }
  return undefined;
}

function cardAction(button: ReplyButton): CardAction {
  switch (button.kind) {
    case "call":
      return { type: ActionTypes.Call, title: button.title, value: `tel:${button.value}` };
    case "email":
      return { type: ActionTypes.OpenUrl, title: button.title, value: `mailto:${button.value}` };
    case "url":
      return { type: ActionTypes.OpenUrl, title: button.title, value: button.value };
  }
}
