import { describe, expect, it } from "vitest";
import { testBot, turn } from "../support/testBot.js";
import { messengerFixture } from "./messenger/messengerFixture.js";
import { messengerViolations } from "./messengerLimits.js";

describe("When Messenger-shaped activities reach the real bot", () => {
  it.each(["text-message", "quick-reply", "menu-postback", "get-started"])("the replies to %s fit Messenger's limits", async (fixture) => {
    const { adapter } = testBot("cento");
    const replies = await turn(adapter, messengerFixture(fixture));
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.channelId === "facebook")).toBe(true);
    expect(messengerViolations(replies)).toEqual([]);
  });

  it("an answer with contacts comes with a titled card and no mailto button", async () => {
    const { adapter } = testBot("cento");
    const replies = await turn(adapter, messengerFixture("text-message"));
    const cards = replies.flatMap((r) => r.attachments ?? []);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.map((c) => (c.content as { title?: string }).title)).toContain("Contatti e link utili");
    expect(JSON.stringify(replies)).not.toContain("mailto:");
  });
});
