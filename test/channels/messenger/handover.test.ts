import { describe, expect, it } from "vitest";
import { GraphApiError } from "../../../src/channels/messenger/graphApi.js";
import {
  handoverEventOf,
  PAGE_INBOX_APP_ID,
  passThreadControl,
  passThreadControlBody,
  psidOf,
} from "../../../src/channels/messenger/handover.js";
import { graphStandIns } from "./graphStandIn.js";
import { messengerFixture } from "./messengerFixture.js";

describe("When a handover event arrives from the Facebook channel", () => {
  it.each([
    ["pass-thread-control-to-bot", "returned"],
    ["pass-thread-control-to-inbox", "taken"],
    ["take-thread-control", "taken"],
    ["request-thread-control", "requested"],
    ["standby", "standby"],
  ])("%s is %s", (fixture, event) => {
    expect(handoverEventOf(messengerFixture(fixture))).toBe(event);
  });

  it.each(["text-message", "quick-reply", "get-started", "menu-postback"])("%s is not a handover event", (fixture) => {
    expect(handoverEventOf(messengerFixture(fixture))).toBeUndefined();
  });

  it("ignores other channels", () => {
    expect(handoverEventOf({ ...messengerFixture("take-thread-control"), channelId: "webchat" })).toBeUndefined();
  });

  it("finds the citizen's page-scoped id", () => {
    expect(psidOf(messengerFixture("text-message"))).toBe("7141823956012345");
    expect(psidOf({ channelId: "facebook", from: { id: "123", name: "" } })).toBe("123");
    expect(psidOf({ channelId: "webchat", from: { id: "dl_1", name: "" } })).toBeUndefined();
  });
});

describe("When the bot passes the conversation to the Page Inbox", () => {
  const standIn = graphStandIns();

  it("builds the documented pass_thread_control body", () => {
    expect(passThreadControlBody("7141823956012345", "handover requested")).toEqual({
      recipient: { id: "7141823956012345" },
      target_app_id: "263902037430900",
      metadata: "handover requested",
    });
    expect(PAGE_INBOX_APP_ID).toBe("263902037430900");
  });

  it("POSTs it to /me/pass_thread_control with the page token in the query", async () => {
    const { baseUrl, received } = await standIn(200, { success: true });
    await passThreadControl("7141823956012345", "handover requested", { accessToken: "PAGE-TOKEN-1", baseUrl });
    expect(received).toEqual([
      {
        method: "POST",
        path: "/v24.0/me/pass_thread_control",
        token: "PAGE-TOKEN-1",
        body: { recipient: { id: "7141823956012345" }, target_app_id: PAGE_INBOX_APP_ID, metadata: "handover requested" },
      },
    ]);
  });

  it("reports a refusal without the token", async () => {
    const { baseUrl } = await standIn(400, { error: { message: "(#10) This Page is not allowed PAGE-TOKEN-2", code: 10 } });
    const failure = await passThreadControl("7141823956012345", "x", { accessToken: "PAGE-TOKEN-2", baseUrl }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GraphApiError);
    expect((failure as GraphApiError).status).toBe(400);
    expect((failure as GraphApiError).message).toContain("(#10) This Page is not allowed");
    expect((failure as GraphApiError).message).not.toContain("PAGE-TOKEN-2");
  });
});
