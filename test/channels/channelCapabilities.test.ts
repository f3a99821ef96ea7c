import { describe, expect, it } from "vitest";
import type { SuggestionSet } from "../../src/answers/reply.js";
import { capabilitiesOf, pickSuggestions, SUGGESTION_PRIORITY } from "../../src/channels/channelCapabilities.js";

const set = (purpose: SuggestionSet["purpose"], ...titles: string[]): SuggestionSet => ({
  purpose,
  items: titles.map((title) => ({ title, text: title })),
});

describe("When a channel's capabilities are asked", () => {
  it("Messenger has Messenger's limits", () => {
    expect(capabilitiesOf("facebook")).toMatchObject({
      maxTextLength: 2000,
      quickReplyTitleMax: 20,
      maxCardButtons: 3,
      cardButtonTitleMax: 20,
      cardTextMax: 640,
      mailtoLinks: false,
      callNumbers: "international",
      markdown: false,
      adaptiveCards: false,
    });
    expect(capabilitiesOf("facebook").maxQuickReplies).toBeLessThanOrEqual(11);
  });

  it.each(["webchat", "directline", "emulator", "test", undefined])("%s gets the rich rendering", (channelId) => {
    expect(capabilitiesOf(channelId)).toMatchObject({ mailtoLinks: true, callNumbers: "any", markdown: true, maxTextLength: Infinity });
  });
});

describe("When a reply offers several suggestion sets", () => {
  it("puts clarification first, then feedback, then the menu", () => {
    expect(SUGGESTION_PRIORITY).toEqual(["clarify", "feedback", "menu"]);
  });

  it.each([
    [[set("menu", "Menu"), set("feedback", "Utile"), set("clarify", "A", "B")], "clarify"],
    [[set("menu", "Menu"), set("feedback", "Utile")], "feedback"],
    [[set("menu", "Menu")], "menu"],
    [[set("clarify"), set("menu", "Menu")], "menu"],
  ])("%j shows %s", (sets, purpose) => {
    expect(pickSuggestions(sets)?.purpose).toBe(purpose);
  });

  it("shows none when there is none", () => {
    expect(pickSuggestions([])).toBeUndefined();
  });
});
