import Holidays from "date-holidays";
import { DateTime } from "luxon";
import type { Profile } from "../knowledge/schema.js";

/** Where the bot reads the time: the real clock in production, a fixed one in tests and `ask --now`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

export type OfficeStatus =
  | { readonly open: true; readonly closesAt: DateTime }
  | { readonly open: false; readonly nextOpening: DateTime | undefined };

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** Far enough to cross any run of holidays and weekends. */
const LOOKAHEAD_DAYS = 21;

/**
 * When the comune's social channels are monitored: the profile's days and hours in its time zone,
 * closed on Italian public holidays (date-holidays keeps the calendar, Easter included) and on the
 * patron saint's day when the profile names one ("MM-DD").
 */
export class OfficeHours {
  private readonly holidays: Holidays;
  /** date-holidays computes the whole year on each call: remember each day's answer */
  private readonly holidayByDay = new Map<string, boolean>();
  private lastStatus: { minute: number; status: OfficeStatus } | undefined;

  constructor(private readonly hours: Profile["monitoredHours"], private readonly patronDay?: string) {
    this.holidays = new Holidays("IT", { types: ["public"] });
  }

  status(now: Date): OfficeStatus {
    // Hours are minutes apart: the status of the current minute is computed once.
    const minute = Math.floor(now.getTime() / 60_000);
    if (this.lastStatus?.minute === minute) return this.lastStatus.status;
    const status = this.computeStatus(now);
    this.lastStatus = { minute, status };
    return status;
  }

  private computeStatus(now: Date): OfficeStatus {
    const local = DateTime.fromJSDate(now, { zone: this.hours.timezone });
    const opens = this.at(local, this.hours.opens);
    const closes = this.at(local, this.hours.closes);
    if (this.isWorkingDay(local) && local >= opens && local < closes) return { open: true, closesAt: closes };
    return { open: false, nextOpening: this.nextOpening(local) };
  }

  private nextOpening(local: DateTime): DateTime | undefined {
    for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
      const day = local.plus({ days: offset });
      if (!this.isWorkingDay(day)) continue;
      const opens = this.at(day, this.hours.opens);
      if (opens > local) return opens;
    }
    return undefined;
  }

  private isWorkingDay(day: DateTime): boolean {
    const weekday = WEEKDAYS[day.weekday - 1]!;
    if (!this.hours.days.includes(weekday)) return false;
    if (this.patronDay && day.toFormat("MM-dd") === this.patronDay) return false;
    const key = day.toISODate() ?? "";
    let holiday = this.holidayByDay.get(key);
    if (holiday === undefined) {
      // date-holidays reads the calendar day of a Date in the country's zone; noon keeps clear of DST edges.
      holiday = Boolean(this.holidays.isHoliday(day.set({ hour: 12, minute: 0 }).toJSDate()));
      if (this.holidayByDay.size > 1000) this.holidayByDay.clear();
      this.holidayByDay.set(key, holiday);
    }
    return !holiday;
  }

  private at(day: DateTime, time: string): DateTime {
    const [hour, minute] = time.split(":").map(Number) as [number, number];
    return day.set({ hour, minute, second: 0, millisecond: 0 });
  }
}
