import type { Account, Profile } from "../knowledge/schema.js";
import { foldText } from "../text/foldText.js";
import type { Lexicon } from "../text/lexicon.js";

/** A social account a citizen named: a link, an @handle, or a page name in quotes. */
export interface AccountMention {
  readonly kind: "url" | "handle" | "name";
  readonly text: string;
}

const URL = /\b(?:https?:\/\/)?(?:www\.|m\.)?((?:facebook|fb|instagram|twitter|x|youtube|linkedin|tiktok|t)\.(?:com|me)\/[^\s"'«»<>]+)/gi;
const HANDLE = /(?:^|\s)@([A-Za-z0-9_.]{3,30})/g;
// Markup characters never make it into a name: the name is repeated in the reply.
const QUOTED = /["“«'‘]([^"”»'’<>&]{3,60})["”»'’]/g;

/** The accounts a message names. A quoted name counts only next to a word such as "pagina" or "profile". */
export function accountMentions(text: string, lexicon: Lexicon): AccountMention[] {
  const mentions: AccountMention[] = [];
  for (const m of text.matchAll(URL)) mentions.push({ kind: "url", text: m[1]!.replace(/[.,;:!?)]+$/, "") });
  for (const m of text.matchAll(HANDLE)) mentions.push({ kind: "handle", text: `@${m[1]!}` });
  const mentionsAccount = foldText(text).split(" ").some((w) => lexicon.accountWords.has(w));
  if (mentionsAccount) for (const m of text.matchAll(QUOTED)) mentions.push({ kind: "name", text: m[1]!.trim() });
  return mentions;
}

/** The profile's official account the mention refers to, if any. */
export function officialAccountFor(mention: AccountMention, profile: Profile): Account | undefined {
  const accounts = Object.values(profile.accounts);
  switch (mention.kind) {
    case "url": {
      const wanted = canonicalUrl(mention.text);
      return accounts.find((a) => a.url !== undefined && canonicalUrl(a.url) === wanted);
    }
    case "handle": {
      const wanted = mention.text.slice(1).toLowerCase();
      return accounts.find((a) => a.url !== undefined && lastSegment(a.url) === wanted);
    }
    case "name":
      // Only the comune's own name identifies its institutional page (listed first); any other page name is not in the policy.
      return foldText(mention.text) === foldText(profile.name) ? accounts[0] : undefined;
  }
}

function canonicalUrl(url: string): string {
  return url
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^(www|m)\./, "")
    .replace(/^fb\.com/, "facebook.com")
    .replace(/^x\.com/, "twitter.com")
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "");
}

function lastSegment(url: string): string {
  return canonicalUrl(url).split("/").pop() ?? "";
}
