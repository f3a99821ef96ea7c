/**
 * What happened in a conversation, as the core sees it: the host has already read the channel's
 * activity (a Messenger button's payload is typed text, Get Started is a start, thread-control events
 * are staff events) and applied the rate limit.
 */
export type TurnInput = MessageInput | StartInput | StaffInput | OverLimitInput | FailedInput;

/** The citizen wrote (or tapped a button or quick reply, whose text counts as typed). */
export interface MessageInput {
  readonly kind: "message";
  readonly text: string;
  /** the channel's locale (it-IT, en-GB…), used when neither the citizen nor the text decides the language */
  readonly locale?: string;
  /** whether this channel and conversation could be handed to staff (a Page inbox on Messenger) */
  readonly canHandOver?: boolean;
  /** only to link a missed question's records for staff; stored as a salted hash */
  readonly conversationId?: string;
}

/** The conversation opened: the citizen joined (Web Chat) or tapped Get Started (Messenger). */
export interface StartInput {
  readonly kind: "start";
  readonly locale?: string;
}

/**
 * Staff and the bot passing the conversation between them (Messenger's handover protocol):
 * - "returned": staff gave it back to the bot;
 * - "taken": staff (or another app) have it now;
 * - "requested": staff ask for it from the Page inbox;
 * - "standby": the citizen wrote while staff have it.
 */
export interface StaffInput {
  readonly kind: "staff";
  readonly event: StaffEvent;
  readonly locale?: string;
}

export type StaffEvent = "returned" | "taken" | "requested" | "standby";

/** The citizen writes faster than the rate limit allows, for the first time since slowing down. */
export interface OverLimitInput {
  readonly kind: "overLimit";
  readonly locale?: string;
}

/** The turn failed in the host or the core: the citizen is told calmly, with the emergency number. */
export interface FailedInput {
  readonly kind: "failed";
  readonly locale?: string;
}
