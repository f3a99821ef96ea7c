import { z } from "zod";

/** The three kinds of interaction files, one file per kind and day: missed-2026-11-23.jsonl. */
export const INTERACTION_KINDS = Object.freeze(["missed", "feedback", "questions"] as const);
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const FILE_NAME = /^(missed|feedback|questions)-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** The file a record of this kind and calendar day goes to. */
export function fileNameOf(kind: InteractionKind, day: string): string {
  return `${kind}-${day}.jsonl`;
}

const at = z.iso.datetime({ offset: true });

/** A message that fell to the fallback or to a clarification; its text is redacted before it is written. */
export const missedRecord = z.object({
  at,
  comune: z.string(),
  topic: z.enum(["fallback", "clarify"]),
  text: z.string(),
  candidates: z.array(z.string()).optional(),
  /** salted hash of the conversation id: groups one conversation's misses, identifies nobody */
  conversation: z.string().optional(),
});

/** Whether an answer helped; never the user's text. */
export const feedbackRecord = z.object({ at, comune: z.string(), entry: z.string(), topic: z.string(), helpful: z.boolean() });

/** One answered question, counted by entry and topic; no text. */
export const questionRecord = z.object({ at, comune: z.string(), entry: z.string(), topic: z.string() });

export type MissedRecord = z.infer<typeof missedRecord>;
export type FeedbackRecord = z.infer<typeof feedbackRecord>;
export type QuestionRecord = z.infer<typeof questionRecord>;

export const RECORD_SCHEMAS = Object.freeze({ missed: missedRecord, feedback: feedbackRecord, questions: questionRecord });
