import type { Span } from "./spans.js";

/** RFC 5321's limits: they bound the work done around each "@". */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;
/** Spaces citizens put around the "@" ("mario.rossi @ gmail.com"). */
const MAX_SPACES = 2;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isLetterOrDigit(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER_OR_DIGIT.test(c);
}

function isLocalChar(c: string): boolean {
  return c === "." || c === "_" || c === "%" || c === "+" || c === "-" || isLetterOrDigit(c);
}

function isDomainChar(c: string): boolean {
  return c === "." || c === "-" || isLetterOrDigit(c);
}

/**
 * E-mail addresses in normalised text (a full-width "＠" is already "@"), also with spaces around
 * the "@". From each "@" it looks at most a local part's and a domain's length either side, so a
 * long run of "@" or dots costs time in proportion to its length.
 */
export function findEmails(text: string): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    let left = at;
    for (let s = 0; s < MAX_SPACES && text[left - 1] === " "; s++) left--;
    let start = left;
    while (start > 0 && left - start < MAX_LOCAL && isLocalChar(text[start - 1]!)) start--;
    while (start < left && text[start] === ".") start++;
    if (start === left) continue;

    let right = at + 1;
    for (let s = 0; s < MAX_SPACES && text[right] === " "; s++) right++;
    let end = right;
    while (end < text.length && end - right < MAX_DOMAIN && isDomainChar(text[end]!)) end++;
    while (end > right && (text[end - 1] === "." || text[end - 1] === "-")) end--;
    if (!hasTopLevelDomain(text.slice(right, end))) continue;
    spans.push({ start, end });
  }
  return spans;
}

/** "gmail.com", "comune.cento.fe.it": a name, a dot, then at least two letters. */
function hasTopLevelDomain(domain: string): boolean {
  const dot = domain.lastIndexOf(".");
  if (dot <= 0) return false;
  const top = domain.slice(dot + 1);
  return top.length >= 2 && /^\p{L}+$/u.test(top);
}
