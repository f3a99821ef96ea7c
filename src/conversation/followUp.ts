import { resolvePath } from "../knowledge/loadKnowledge.js";
import type { Entry, Profile } from "../knowledge/schema.js";
import { foldText } from "../text/foldText.js";
import type { FollowUpKind, Lexicon } from "../text/lexicon.js";

/** Longest message still read as a follow-up ("e il numero di telefono?"). */
const MAX_FOLLOW_UP_WORDS = 6;
const LEADING_LINKS = new Set(["e", "ed", "ma", "and", "so", "mi", "dai", "ok", "invece", "allora", "qual", "what", "s"]);

/** The fact a short follow-up asks for ("e il numero?", "and the e-mail?", "dove si trova?"), if it is one. */
export function followUpOf(text: string, lexicon: Lexicon): FollowUpKind | undefined {
  const words = foldText(text).split(" ").filter(Boolean);
  if (words.length === 0 || words.length > MAX_FOLLOW_UP_WORDS) return undefined;
  let start = 0;
  while (start < words.length - 1 && LEADING_LINKS.has(words[start]!)) start++;
  return lexicon.followUps.get(words.slice(start).join(" "));
}

/**
 * The value of that fact for the topic just answered: the entry's own button of that kind first,
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
