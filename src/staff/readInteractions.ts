import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { calendarDay, daysBefore, startOfDay } from "./calendarDay.js";
import { FILE_NAME, RECORD_SCHEMAS, type FeedbackRecord, type InteractionKind, type MissedRecord, type QuestionRecord } from "./interactionRecords.js";

/** Every interaction recorded in a period, read back from the log folder. */
export interface Interactions {
  readonly missed: readonly MissedRecord[];
  readonly feedback: readonly FeedbackRecord[];
  readonly questions: readonly QuestionRecord[];
  /** lines that are not valid records (a hand edit, a write cut short); skipped, counted */
  readonly skippedLines: number;
}

export interface ReadOptions {
  readonly since: Date;
  readonly until?: Date;
  readonly comune?: string;
  readonly timeZone?: string;
}

/** Reads the records made from `since` (and before `until`), optionally of one comune. */
export function readInteractions(dir: string, options: ReadOptions): Interactions {
  const timeZone = options.timeZone ?? "Europe/Rome";
  // Files are named by the comune's calendar day: a day earlier covers any time-zone offset.
  const firstDay = daysBefore(calendarDay(options.since, timeZone), 1);
  const found: { [K in InteractionKind]: unknown[] } = { missed: [], feedback: [], questions: [] };
  let skippedLines = 0;
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (!match || match[2]! < firstDay) continue;
    const kind = match[1] as InteractionKind;
    for (const line of readFileSync(join(dir, name), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const record = parseLine(kind, line);
      if (!record) {
        skippedLines++;
        continue;
      }
      const at = Date.parse(record.at);
      if (at < options.since.getTime() || (options.until && at >= options.until.getTime())) continue;
      if (options.comune && record.comune !== options.comune) continue;
      found[kind].push(record);
    }
  }
  return {
    missed: found.missed as MissedRecord[],
    feedback: found.feedback as FeedbackRecord[],
    questions: found.questions as QuestionRecord[],
    skippedLines,
  };
}

function parseLine(kind: InteractionKind, line: string): { at: string; comune: string } | undefined {
  try {
    const result = RECORD_SCHEMAS[kind].safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The start of a period given as staff write it: "7d" (days), "24h" (hours), "2w" (weeks) before
 * `now`, or a date ("2026-11-01", from midnight in the time zone) or a date-time.
 */
export function parseSince(text: string, now: Date, timeZone = "Europe/Rome"): Date | undefined {
  const relative = /^(\d+)\s*([hdw])$/i.exec(text.trim());
  if (relative) {
    const hours = { h: 1, d: 24, w: 168 }[relative[2]!.toLowerCase() as "h" | "d" | "w"];
    return new Date(now.getTime() - Number(relative[1]) * hours * 3_600_000);
  }
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const date = startOfDay(trimmed, timeZone);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
    const date = new Date(trimmed);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}
