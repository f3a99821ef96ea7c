import Holidays from "date-holidays";
import { DateTime } from "luxon";
import { WEEKDAYS, type MonitoredHours } from "../knowledge/schema.js";

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

/** Far enough to cross any run of holidays and weekends. */
const LOOKAHEAD_DAYS = 21;

/**
 * When the comune's social channels are monitored: the profile's windows per weekday in its time zone,
 * closed on Italian public holidays (date-holidays keeps the calendar, Easter included) and on the
 * patron saint's day when the profile names one ("MM-DD").
 */
export class OfficeHours {
  private readonly holidays: Holidays;
  /** date-holidays computes the whole year on each call: remember each day's answer */
  private readonly holidayByDay = new Map<string, boolean>();
  private lastStatus: { minute: number; status: OfficeStatus } | undefined;

  constructor(private readonly hours: MonitoredHours, private readonly patronDay?: string) {
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
    for (const [opens, closes] of this.windows(local)) {
      if (local >= opens && local < closes) return { open: true, closesAt: closes };
    }
    return { open: false, nextOpening: this.nextOpening(local) };
  }

  private nextOpening(local: DateTime): DateTime | undefined {
    for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
      for (const [opens] of this.windows(local.plus({ days: offset }))) if (opens > local) return opens;
    }
    return undefined;
  }

  /** The day's windows as instants, none on a holiday or when the policy states no hours. */
  private windows(day: DateTime): [DateTime, DateTime][] {
    const windows = this.hours.notStated ? undefined : this.hours[WEEKDAYS[day.weekday - 1]!];
    if (!windows || !this.isWorkingDay(day)) return [];
    return windows.map((w) => [this.at(day, w.slice(0, 5)), this.at(day, w.slice(6))]);
  }

  private isWorkingDay(day: DateTime): boolean {
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
