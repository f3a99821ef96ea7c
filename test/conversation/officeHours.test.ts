import { describe, expect, it } from "vitest";
import { OfficeHours } from "../../src/conversation/officeHours.js";
import { realBundle } from "../support/realKnowledge.js";

const hoursOf = (comune: "cento" | "mezzago") => new OfficeHours(realBundle(comune).knowledge.profile.monitoredHours);

describe("OfficeHours with a fixed clock", () => {
  it.each([
    ["cento", "inside hours on a Tuesday", "2026-11-24T10:00:00+01:00", true, undefined],
    ["cento", "before opening", "2026-11-24T08:30:00+01:00", false, "2026-11-24T09:00"],
    ["cento", "outside hours on a Tuesday afternoon", "2026-11-24T15:00:00+01:00", false, "2026-11-25T09:00"],
    ["cento", "on Saturday (Cento is closed)", "2026-11-28T10:00:00+01:00", false, "2026-11-30T09:00"],
    ["mezzago", "on Saturday morning (Mezzago is open)", "2026-11-28T10:00:00+01:00", true, undefined],
    ["mezzago", "on Saturday afternoon", "2026-11-28T13:30:00+01:00", false, "2026-11-30T08:00"],
    ["mezzago", "on the Immacolata, a public holiday on a Tuesday", "2026-12-08T09:00:00+01:00", false, "2026-12-09T08:00"],
    ["cento", "on Christmas Eve afternoon, before Christmas and Santo Stefano", "2026-12-24T15:00:00+01:00", false, "2026-12-28T09:00"],
    ["mezzago", "on Easter Monday", "2026-04-06T10:00:00+02:00", false, "2026-04-07T08:00"],
    ["cento", "at closing time", "2026-11-24T13:00:00+01:00", false, "2026-11-25T09:00"],
  ] as const)("%s, %s", (comune, _what, now, open, next) => {
    const status = hoursOf(comune).status(new Date(now));
    expect(status.open).toBe(open);
    if (!status.open) expect(status.nextOpening?.toFormat("yyyy-MM-dd'T'HH:mm")).toBe(next);
  });

  it("reads the hours in Europe/Rome whatever the server's zone (UTC input)", () => {
    expect(hoursOf("cento").status(new Date("2026-11-24T08:30:00Z")).open).toBe(true);
  });
});

describe("OfficeHours with several windows a day, or none stated", () => {
  const label = { it: "orari di prova", en: "test hours" };
  const split = new OfficeHours({ timezone: "Europe/Rome", mon: ["09:00-13:00", "14:30-17:00"], wed: ["09:00-12:00"], label });

  it.each([
    ["in the morning window", "2026-11-23T10:00:00+01:00", true, undefined],
    ["at lunch, between the windows", "2026-11-23T13:30:00+01:00", false, "2026-11-23T14:30"],
    ["in the afternoon window", "2026-11-23T16:59:00+01:00", true, undefined],
    ["after the last window, Tuesday not followed", "2026-11-23T17:00:00+01:00", false, "2026-11-25T09:00"],
  ] as const)("Monday %s", (_what, now, open, next) => {
    const status = split.status(new Date(now));
    expect(status.open).toBe(open);
    if (!status.open) expect(status.nextOpening?.toFormat("yyyy-MM-dd'T'HH:mm")).toBe(next);
  });

  it("a policy that states no hours is never 'open now' and gives no next opening", () => {
    const status = new OfficeHours({ timezone: "Europe/Rome", notStated: true, label }).status(new Date("2026-11-23T10:00:00+01:00"));
    expect(status).toEqual({ open: false, nextOpening: undefined });
  });
});
