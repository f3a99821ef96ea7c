import type { Reply, TurnOutcome } from "../src/answers/reply.js";
import type { AnsweredQuestion, AnswerFeedback, MissedQuestion } from "../src/staff/interactionLog.js";
import type { Language } from "../src/text/stemWord.js";
import type { ConversationState } from "./conversationState.js";

/** What a turn decided: what to say, what answered, the state to keep, and what the host must do. */
export interface TurnResult {
  /** channel-neutral replies, in order; the host renders them for its channel */
  readonly replies: readonly Reply[];
  /** the language the replies are in (the renderer's own labels follow it) */
  readonly language: Language;
  /** what answered, for the turn log and the ask command; none for a turn that answered nothing */
  readonly outcome?: TurnOutcome;
  /** the state to save: unchanged (the same object) when the turn changed nothing */
  readonly state: ConversationState;
  /** done by the host after the replies are sent, in order */
  readonly effects: readonly TurnEffect[];
}

export type TurnEffect = PassToStaff | RecordForStaff;

/**
 * Hand the conversation to staff. The replies already say so, and `state` assumes it worked; when the
 * channel refuses, the host sends and keeps what `ifRefused` says instead.
 */
export interface PassToStaff {
  readonly kind: "passToStaff";
  readonly ifRefused: Pick<TurnResult, "replies" | "outcome" | "state" | "effects">;
}

/** A line for the staff log: a question answered or missed, or feedback on an answer (redacted there). */
export type RecordForStaff =
  | { readonly kind: "recordQuestion"; readonly question: AnsweredQuestion }
  | { readonly kind: "recordMissed"; readonly question: MissedQuestion }
  | { readonly kind: "recordFeedback"; readonly feedback: AnswerFeedback };
