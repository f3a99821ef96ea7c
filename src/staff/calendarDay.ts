const DAY_MS = 86_400_000;

/** The calendar day ("2026-11-23") of an instant in a time zone. */
export function calendarDay(instant: Date, timeZone: string): string {
  // Every zone's offset is a whole number of seconds, so the day cannot change within a second; the staff
  // log asks twice for every record, and a busy bot for the same second over and over (formatting costs µs).
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastDays.get(timeZone);
  if (last?.second === second) return last.day;
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD. Building a formatter costs far more than using one: keep it.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  const day = format.format(instant);
  lastDays.set(timeZone, { second, day });
  return day;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The day last formatted in each zone, and the second (since the epoch) it was asked for. */
const lastDays = new Map<string, { readonly second: number; readonly day: string }>();

/** The day `days` days before (or after, if negative) a calendar day. */
export function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a calendar day starts in a time zone ("2026-11-15" in Rome: 2026-11-14T23:00Z). */
export function startOfDay(day: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) return new Date(Number.NaN);
  // The zone's offset at that moment; twice, in case a DST change falls between the two instants.
  let start = utcMidnight;
  for (let i = 0; i < 2; i++) start = utcMidnight - offsetMs(new Date(start), timeZone);
  return new Date(start);
}

function offsetMs(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}
