import { createHash, randomBytes } from "node:crypto";
import { appendFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Topic } from "../knowledge/topics.js";
import { redactForLog } from "../privacy/redactPersonalData.js";
import { calendarDay, daysBefore } from "./calendarDay.js";
import { FILE_NAME, fileNameOf, type FeedbackRecord, type InteractionKind, type MissedRecord, type QuestionRecord } from "./interactionRecords.js";

export interface MissedQuestion {
  readonly comune: string;
  readonly topic: "fallback" | "clarify";
  /** what the citizen wrote: redacted here, before anything is written */
  readonly text: string;
  /** the entries offered in a clarification */
  readonly candidates?: readonly string[];
  /** stored only as a salted hash */
  readonly conversationId?: string;
  readonly at?: Date;
}

export interface AnswerFeedback {
  readonly comune: string;
  readonly entry: string;
  readonly topic: Topic;
  readonly helpful: boolean;
  readonly at?: Date;
}

export interface AnsweredQuestion {
  readonly comune: string;
  readonly entry: string;
  readonly topic: Topic;
  readonly at?: Date;
}

/**
 * What a dialog needs to record interactions for staff. Calls never throw: a full disk must not
 * break a conversation (failures go to the log, without the text).
 */
export interface InteractionRecorder {
  recordMissed(question: MissedQuestion): Promise<void>;
  recordFeedback(feedback: AnswerFeedback): Promise<void>;
  recordQuestion(question: AnsweredQuestion): Promise<void>;
}

/** A recorder that keeps nothing: for tests and the ask command. */
export const noInteractionLog: InteractionRecorder = Object.freeze({
  recordMissed: async () => undefined,
  recordFeedback: async () => undefined,
  recordQuestion: async () => undefined,
});

export interface InteractionLogOptions {
  /** the folder of the JSON-lines files */
  readonly dir: string;
  /** days kept, today included; older files are deleted (default 90) */
  readonly retentionDays?: number;
  /** for the conversation hash; by default a random one per process, so hashes link nothing across restarts */
  readonly salt?: string;
  readonly clock?: () => Date;
  /** the day a record belongs to, and so its file, is the comune's calendar day */
  readonly timeZone?: string;
  readonly logger?: Pick<Logger, "warn" | "info">;
  /** longer texts are cut after redaction */
  readonly maxTextLength?: number;
}

export const DEFAULT_RETENTION_DAYS = 90;
/** What a record that is not written (nothing to keep, or dated before the retention) gives back. */
const WRITTEN: Promise<void> = Promise.resolve();
/** How long a line may wait to be written with the others of its batch. */
const FLUSH_DELAY_MS = 50;

/**
 * Interactions as JSON lines, one file per kind and day (missed-2026-11-23.jsonl,
 * feedback-…, questions-…). Missed questions keep their text with personal data redacted; feedback
 * and answered questions keep only entry and topic. Files past the retention are deleted: on the
 * first write of each day and whenever purgeOlderThan is called.
 */
export class InteractionLog implements InteractionRecorder {
  private readonly clock: () => Date;
  private readonly salt: string;
  private readonly timeZone: string;
  private readonly retentionDays: number;
  private readonly maxTextLength: number;
  private ready: Promise<unknown> | undefined;
  /** the folder was made (ready resolved) and no write has failed since */
  private folderReady = false;
  /** lines waiting to be written, by file: a busy bot writes each file once per batch, not once per turn */
  private pending = new Map<string, string[]>();
  private flushing: Promise<void> | undefined;
  /** what the records added to the batch now wait for (its write, a failure logged, never thrown), and their kinds */
  private batchWritten: { readonly batch: Promise<void>; readonly written: Promise<void>; readonly kinds: Set<InteractionKind> } | undefined;
  private purgedOn: string | undefined;
  /** the first day the retention keeps, and the day it was worked out on */
  private kept: { readonly today: string; readonly firstKept: string } | undefined;

  constructor(private readonly options: InteractionLogOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.salt = options.salt ?? randomBytes(16).toString("hex");
    this.timeZone = options.timeZone ?? "Europe/Rome";
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.maxTextLength = options.maxTextLength ?? 500;
    if (!Number.isInteger(this.retentionDays) || this.retentionDays < 1) {
      throw new RangeError(`retentionDays must be a whole number of days, at least 1, not ${options.retentionDays}`);
    }
  }

  // The three recorders are not async functions: a record written with the others of its batch
  // shares the batch's promise (see append), instead of holding promises of its own until the write.
  recordMissed(question: MissedQuestion): Promise<void> {
    const text = redactForLog(question.text, this.maxTextLength);
    if (text.length === 0) return WRITTEN;
    const at = question.at ?? this.clock();
    const record: MissedRecord = {
      at: at.toISOString(),
      comune: question.comune,
      topic: question.topic,
      text,
      ...(question.candidates && question.candidates.length > 0 ? { candidates: [...question.candidates] } : {}),
      ...(question.conversationId ? { conversation: this.hash(question.conversationId) } : {}),
    };
    return this.append("missed", record, at);
  }

  recordFeedback(feedback: AnswerFeedback): Promise<void> {
    const at = feedback.at ?? this.clock();
    const record: FeedbackRecord = {
      at: at.toISOString(),
      comune: feedback.comune,
      entry: feedback.entry,
      topic: feedback.topic,
      helpful: feedback.helpful,
    };
    return this.append("feedback", record, at);
  }

  recordQuestion(question: AnsweredQuestion): Promise<void> {
    const at = question.at ?? this.clock();
    const record: QuestionRecord = {
      at: at.toISOString(),
      comune: question.comune,
      entry: question.entry,
      topic: question.topic,
    };
    return this.append("questions", record, at);
  }

  /**
   * Deletes the files of the days before the last `days` (today included) and returns their
   * names. Whole files go: nothing older than the retention stays on disk.
   */
  async purgeOlderThan(days: number = this.retentionDays, now: Date = this.clock()): Promise<string[]> {
    const firstKept = daysBefore(calendarDay(now, this.timeZone), days - 1);
    let names: string[];
    try {
      names = await readdir(this.options.dir);
    } catch {
      return [];
    }
    const old = names.filter((name) => {
      const day = FILE_NAME.exec(name)?.[2];
      return day !== undefined && day < firstKept;
    });
    await Promise.all(old.map((name) => rm(join(this.options.dir, name), { force: true })));
    if (old.length > 0) this.options.logger?.info({ deleted: old.length, firstKept }, "interaction log: old files deleted");
    return old;
  }

  /**
   * Purges now and then every `everyMs` (default 6 hours), so that old files go even on days
   * without traffic. Returns the function that stops it; the timer never keeps the process alive.
   */
  scheduleRetention(everyMs = 6 * 3_600_000): () => void {
    const purge = () => {
      this.purgeOlderThan().catch((error: unknown) =>
        this.options.logger?.warn({ err: error }, "interaction log: could not purge"),
      );
    };
    purge();
    const timer = setInterval(purge, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private hash(conversationId: string): string {
    return createHash("sha256").update(this.salt).update("\0").update(conversationId).digest("hex").slice(0, 16);
  }

  /** Writes every pending line now (before shutting down). */
  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = undefined;
    await Promise.all([...batch].map(([file, lines]) => appendFile(join(this.options.dir, file), lines.join(""), "utf8")));
  }

  private enqueue(file: string, line: string): Promise<void> {
    const lines = this.pending.get(file);
    if (lines) lines.push(line);
    else this.pending.set(file, [line]);
    this.flushing ??= new Promise<void>((resolve, reject) => {
      setTimeout(() => this.flush().then(resolve, reject), FLUSH_DELAY_MS).unref();
    });
    return this.flushing;
  }

  /** Records on their way to disk: recorders are not awaited by the dialogs, so shutdown waits for these. */
  private readonly writing = new Set<Promise<void>>();

  /** Writes what is pending now and waits until every record already given is on disk (before shutting down). */
  async drain(): Promise<void> {
    await this.flush();
    await Promise.all([...this.writing]);
  }

  private append(kind: InteractionKind, record: MissedRecord | FeedbackRecord | QuestionRecord, at: Date): Promise<void> {
    // Once the folder is there and today's purge has run, as on nearly every turn, the line joins the
    // batch at once: nothing to wait for first.
    if (this.folderReady) {
      const today = calendarDay(this.clock(), this.timeZone);
      if (this.purgedOn === today) return this.batch(kind, record, at, today);
    }
    const written: Promise<void> = this.write(kind, record, at).finally(() => this.writing.delete(written));
    this.writing.add(written);
    return written;
  }

  private async write(kind: InteractionKind, record: MissedRecord | FeedbackRecord | QuestionRecord, at: Date): Promise<void> {
    try {
      this.ready ??= mkdir(this.options.dir, { recursive: true });
      await this.ready;
      this.folderReady = true;
      const today = calendarDay(this.clock(), this.timeZone);
      if (this.purgedOn !== today) {
        this.purgedOn = today;
        await this.purgeOlderThan();
      }
      const day = calendarDay(at, this.timeZone);
      // A record dated before the retention would be kept longer than promised: it is not written.
      if (day < this.firstKept(today)) return;
      await this.enqueue(fileNameOf(kind, day), `${JSON.stringify(record)}\n`);
    } catch (error) {
      this.couldNotWrite(error, { kind });
    }
  }

  /**
   * write's last steps, when there is nothing to wait for before them. The record shares the promise of
   * its batch, one for all its lines, which settles once they are written or the failure logged.
   */
  private batch(kind: InteractionKind, record: MissedRecord | FeedbackRecord | QuestionRecord, at: Date, today: string): Promise<void> {
    const day = calendarDay(at, this.timeZone);
    if (day < this.firstKept(today)) return WRITTEN;
    const batch = this.enqueue(fileNameOf(kind, day), `${JSON.stringify(record)}\n`);
    if (this.batchWritten?.batch !== batch) {
      const kinds = new Set<InteractionKind>();
      // One warning for a batch that could not be written, naming the kinds of its records.
      const written: Promise<void> = batch.catch((error: unknown) => this.couldNotWrite(error, { kinds: [...kinds] })).finally(() => this.writing.delete(written));
      this.writing.add(written);
      this.batchWritten = { batch, written, kinds };
    }
    this.batchWritten.kinds.add(kind);
    return this.batchWritten.written;
  }

  private couldNotWrite(error: unknown, what: { kind: InteractionKind } | { kinds: InteractionKind[] }): void {
    this.ready = undefined;
    this.folderReady = false;
    this.options.logger?.warn({ err: error, ...what }, "interaction log: could not write");
  }

  /** The first day the retention keeps, seen from `today` (worked out once a day). */
  private firstKept(today: string): string {
    if (this.kept?.today !== today) this.kept = { today, firstKept: daysBefore(today, this.retentionDays - 1) };
    return this.kept.firstKept;
  }
}
