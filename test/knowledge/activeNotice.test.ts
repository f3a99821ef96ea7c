import { describe, expect, it } from "vitest";
import { activeNotice } from "../../src/knowledge/activeNotice.js";

const profile = {
  notice: { it: "Uffici chiusi per neve.", en: "Offices closed for snow.", from: "2026-12-01T08:00:00+01:00", until: "2026-12-02T20:00:00+01:00" },
};

describe("the temporary notice", () => {
  it.each([
    ["before it starts", "2026-12-01T06:59:59Z", undefined],
    ["at the moment it starts", "2026-12-01T07:00:00Z", "Uffici chiusi per neve."],
    ["while it is in force", "2026-12-02T12:00:00+01:00", "Uffici chiusi per neve."],
    ["at the moment it ends", "2026-12-02T19:00:00Z", undefined],
    ["after it ends", "2026-12-03T09:00:00+01:00", undefined],
  ])("%s: %j", (_when, now, expected) => {
    expect(activeNotice(profile, new Date(now), "it")).toBe(expected);
  });

  it("speaks the reply language", () => {
    expect(activeNotice(profile, new Date("2026-12-01T10:00:00+01:00"), "en")).toBe("Offices closed for snow.");
  });

  it("is absent from a profile without one", () => {
    expect(activeNotice({}, new Date("2026-12-01T10:00:00+01:00"), "it")).toBeUndefined();
  });
});
