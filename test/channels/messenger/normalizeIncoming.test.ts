import { describe, expect, it } from "vitest";
import { GET_STARTED_PAYLOAD, isGetStarted, typedTextOf } from "../../../src/channels/messenger/normalizeIncoming.js";
import { messengerFixture } from "./messengerFixture.js";

describe("When a Messenger activity arrives", () => {
  it.each([
    ["text-message", "posso mandarvi qui la domanda per il bonus?"],
    ["quick-reply", "Applications & forms"],
    ["menu-postback", "Orari della pagina"],
    ["get-started", GET_STARTED_PAYLOAD],
  ])("%s is treated as if the citizen typed %j", (fixture, typed) => {
    expect(typedTextOf(messengerFixture(fixture))).toBe(typed);
  });

  it("recognises the Get Started postback", () => {
    expect(isGetStarted(messengerFixture("get-started"))).toBe(true);
    expect(isGetStarted(messengerFixture("menu-postback"))).toBe(false);
    expect(isGetStarted(messengerFixture("text-message"))).toBe(false);
  });

  it("falls back to the text when a payload is empty", () => {
    const activity = messengerFixture("quick-reply");
    activity.channelData = { ...activity.channelData, message: { text: "Contatti", quick_reply: { payload: "" } } };
    expect(typedTextOf(activity)).toBe("Applications & for…");
  });

  it("ignores channel data on other channels", () => {
    expect(typedTextOf({ channelId: "webchat", text: "ciao", channelData: { postback: { payload: GET_STARTED_PAYLOAD } } })).toBe("ciao");
    expect(isGetStarted({ channelId: "webchat", channelData: { postback: { payload: GET_STARTED_PAYLOAD } } })).toBe(false);
  });
});
