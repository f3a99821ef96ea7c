import { describe, expect, it } from "vitest";
import { calendarDay, daysBefore, startOfDay } from "../../src/staff/calendarDay.js";

describe("calendarDay", () => {
  it("turns at the zone's midnight, from one second to the next", () => {
    // Rome is UTC+1 in November: its midnight is 23:00 UTC.
    expect(calendarDay(new Date("2026-11-23T22:59:59.000Z"), "Europe/Rome")).toBe("2026-11-23");
    expect(calendarDay(new Date("2026-11-23T22:59:59.999Z"), "Europe/Rome")).toBe("2026-11-23");
    expect(calendarDay(new Date("2026-11-23T23:00:00.000Z"), "Europe/Rome")).toBe("2026-11-24");
    expect(calendarDay(new Date("2026-11-23T22:59:59.500Z"), "Europe/Rome")).toBe("2026-11-23");
  });

  it("gives the same instant its own day in each zone", () => {
    const instant = new Date("2026-11-23T23:30:00.000Z");
    expect(calendarDay(instant, "Europe/Rome")).toBe("2026-11-24");
    expect(calendarDay(instant, "UTC")).toBe("2026-11-23");
    expect(calendarDay(instant, "America/New_York")).toBe("2026-11-23");
    expect(calendarDay(instant, "Europe/Rome")).toBe("2026-11-24");
  });

  it("follows summer time (UTC+2) and the days around its changes", () => {
    expect(calendarDay(new Date("2026-07-01T21:59:59.000Z"), "Europe/Rome")).toBe("2026-07-01");
    expect(calendarDay(new Date("2026-07-01T22:00:00.000Z"), "Europe/Rome")).toBe("2026-07-02");
    for (const day of ["2026-03-29", "2026-10-25"]) {
      const start = startOfDay(day, "Europe/Rome");
      expect(calendarDay(start, "Europe/Rome")).toBe(day);
      expect(calendarDay(new Date(start.getTime() - 1000), "Europe/Rome")).toBe(daysBefore(day, 1));
    }
  });

  it("refuses an invalid date", () => {
    expect(() => calendarDay(new Date(Number.NaN), "Europe/Rome")).toThrow(RangeError);
  });
});
