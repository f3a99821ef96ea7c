import { resolvePath } from "../knowledge/loadKnowledge.js";
import type { Entry, Profile } from "../knowledge/schema.js";
import { foldText, splitWords } from "../text/foldText.js";
import type { FollowUpKind, Lexicon } from "../text/lexicon.js";

/**
 * Longest message still read as a follow-up ("scusa, mi dici qual è il vostro numero di telefono?"):
 * what makes it one is that, without filler words, it is exactly a follow-up phrase.
 */
const MAX_FOLLOW_UP_WORDS = 12;
const MAX_FOLLOW_UP_CHARS = 300;

/** A short question for one fact: of the last answer, or ("your number") of the comune itself. */
export interface FollowUp {
  readonly kind: FollowUpKind;
  /** asked of the comune ("qual è il vostro numero?"), not of the last answer */
  readonly yours: boolean;
}

/** The fact a short follow-up asks for ("e il numero?", "and the e-mail?", "where is it?"), if it is one. */
export function followUpOf(text: string, lexicon: Lexicon): FollowUp | undefined {
  // Twelve words are never this long: a long message is not folded whole just to find that out.
  if (text.length > MAX_FOLLOW_UP_CHARS) return undefined;
  const words = splitWords(foldText(text));
  if (words.length === 0 || words.length > MAX_FOLLOW_UP_WORDS) return undefined;
  const kept = words.filter((w) => !lexicon.followUpFiller.has(w));
  const yours = kept.some((w) => lexicon.followUpYours.has(w));
  const kind = lexicon.followUps.get(kept.filter((w) => !lexicon.followUpYours.has(w)).join(" "));
  return kind && { kind, yours };
}

/**
 * The value of that fact for the entry just answered: the entry's own button of that kind first,
 * then the comune's contact office (and its website for links).
 */
export function followUpFact(kind: FollowUpKind, entry: Entry | undefined, profile: Profile, context: object): string | undefined {
  const actionType = kind === "phone" ? "call" : kind === "email" ? "email" : kind === "website" ? "url" : undefined;
  const action = entry?.actions.find((a) => a.type === actionType);
  if (action) {
    const value = resolvePath(context, action.target);
    if (typeof value === "string") return value;
  }
  const office = profile.offices[profile.contactOffice];
  switch (kind) {
    case "phone":
      return office?.phone ?? office?.freephone;
    case "email":
      return office?.email;
    case "address":
      return office?.address;
    case "website":
      return profile.website;
  }
}
