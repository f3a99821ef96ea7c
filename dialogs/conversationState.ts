import type { Language } from "../src/text/stemWord.js";

/**
 * What the bot remembers of one conversation between turns: small, plain JSON (well under
 * {@link MAX_STATE_BYTES}), the same whichever host and store carry it.
 */
export interface ConversationState {
  /** the format's version, so that a store outliving a release is read right */
  readonly v: 1;
  /** the language the citizen chose explicitly ("in inglese") */
  readonly language?: Language;
  /** the entry that answered last, for follow-ups and feedback */
  readonly lastEntry?: string;
  /** the bot asked which of two entries was meant, in this language, and waits for the choice */
  readonly pending?: PendingChoice;
  /** the welcome was sent, so no disclosure line is needed */
  readonly welcomed?: true;
  /** the one-line "automated assistant" disclosure was sent */
  readonly disclosed?: true;
  /** the profile's temporary notice was shown */
  readonly noticeShown?: true;
  /** the reminder not to share personal data was given */
  readonly privacyReminded?: true;
  /** staff have the conversation (Messenger handover): the bot stays silent until it is returned */
  readonly handover?: { readonly since: string };
}

export interface PendingChoice {
  readonly candidates: readonly [string, string];
  readonly language: Language;
}

/** The state of a conversation the bot has not seen yet. */
export const NEW_CONVERSATION: ConversationState = Object.freeze({ v: 1 });

/** Far above any real state (about 200 bytes): a state past it was not written by this bot. */
export const MAX_STATE_BYTES = 1024;

const LANGUAGES = new Set(["it", "en"]);
/** Entry ids are short slugs; anything longer or odd did not come from the knowledge. */
const ENTRY_ID = /^[a-z0-9][a-z0-9-]{0,119}$/;

/**
 * Reads a stored state back, keeping only the fields that have the right shape: a record written by
 * an older release, or damaged in the store, gives a working conversation rather than a failed turn.
 */
export function parseState(stored: unknown): ConversationState {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return NEW_CONVERSATION;
  const raw = stored as Record<string, unknown>;
  const state: { -readonly [K in keyof ConversationState]: ConversationState[K] } = { v: 1 };
  if (typeof raw.language === "string" && LANGUAGES.has(raw.language)) state.language = raw.language as Language;
  if (typeof raw.lastEntry === "string" && ENTRY_ID.test(raw.lastEntry)) state.lastEntry = raw.lastEntry;
  const pending = parsePending(raw.pending);
  if (pending) state.pending = pending;
  if (raw.welcomed === true) state.welcomed = true;
  if (raw.disclosed === true) state.disclosed = true;
  if (raw.noticeShown === true) state.noticeShown = true;
  if (raw.privacyReminded === true) state.privacyReminded = true;
  const handover = raw.handover as Record<string, unknown> | undefined;
  if (typeof handover === "object" && handover !== null && typeof handover.since === "string" && handover.since.length <= 40) {
    state.handover = { since: handover.since };
  }
  return state;
}

function parsePending(value: unknown): PendingChoice | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { candidates, language } = value as Record<string, unknown>;
  if (!Array.isArray(candidates) || candidates.length !== 2) return undefined;
  const [first, second] = candidates as unknown[];
  if (typeof first !== "string" || typeof second !== "string" || !ENTRY_ID.test(first) || !ENTRY_ID.test(second)) return undefined;
  if (typeof language !== "string" || !LANGUAGES.has(language)) return undefined;
  return { candidates: [first, second], language: language as Language };
}
