import type { Language } from "../text/stemWord.js";
import { parseDateTime } from "./loadKnowledge.js";
import type { Profile } from "./schema.js";

/**
 * The profile's temporary notice in the given language while it is in force (from `from`,
 * included, until `until`, excluded), else undefined.
 */
export function activeNotice(profile: Pick<Profile, "notice">, now: Date, language: Language): string | undefined {
  const notice = profile.notice;
  if (!notice) return undefined;
  const from = parseDateTime(notice.from);
  const until = parseDateTime(notice.until);
  // loadKnowledge rejects a profile with bad dates; a notice that slipped through stays hidden.
  if (!from || !until) return undefined;
  const t = now.getTime();
  return t >= from.getTime() && t < until.getTime() ? notice[language] : undefined;
}
