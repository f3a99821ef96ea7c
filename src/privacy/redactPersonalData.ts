import { normalizeText } from "../text/normalizeText.js";
import { codeRuns } from "./codeRuns.js";
import { findAddresses } from "./findAddresses.js";
import { findIbans, findPlates, findTaxCodes } from "./findCodes.js";
import { findEmails } from "./findEmails.js";
import { findNames } from "./findNames.js";
import { findCards, findPhones } from "./findNumbers.js";
import type { PersonalDataKind } from "./placeholders.js";
import { replaceSpans, resolveOverlaps, type FoundSpan, type Span } from "./spans.js";
import { tokenize, type Token } from "./tokenize.js";

export { PLACEHOLDERS } from "./placeholders.js";

/**
 * Where two finders claim the same characters, the one first here wins: an e-mail address is never
 * half a name, a card number never a phone number, a phone number never a house number.
 */
const PRIORITY: readonly PersonalDataKind[] = ["email", "iban", "card", "taxCode", "phone", "plate", "address"];

/**
 * Replaces the personal data a citizen may type with placeholders ("[nome]", "[telefono]",
 * "[email]", "[codice fiscale]", "[iban]", "[carta]", "[targa]", "[indirizzo]"), so that what
 * remains can be kept to learn what citizens ask. The text is normalised first (normalizeText), so
 * an invisible character, a non-breaking space or a full-width "＠" hides nothing, and the result is
 * the normalised text. Errs on the side of redacting: a street name or a capitalised word after
 * "sono" may go too, a phone number may not stay.
 * One tokenizing pass, then checks on tokens and short windows: linear in the length of the text,
 * with no regular expression that can backtrack over it.
 */
export function redactPersonalData(text: string): string {
  const normal = normalizeText(text);
  const tokens = tokenize(normal);
  const withoutData = withoutDataOtherThanNames(normal, tokens);
  // Names last, on text whose numbers and codes are placeholders already: "sono Marco [telefono]".
  // Where there were none, the text is the same and so are its tokens.
  return replaceSpans(withoutData, tagged("name", withoutData === normal ? findNames(normal, tokens) : findNames(withoutData)));
}

/** The normalised text with every kind of personal data but names replaced by placeholders. */
function withoutDataOtherThanNames(normal: string, tokens: readonly Token[]): string {
  const runs = codeRuns(normal);
  // IBANs, cards, codici fiscali, phone numbers and plates all hold a digit, and most messages have none.
  const digits = runs.some((run) => run.digits > 0);
  const found: FoundSpan[] = [
    ...tagged("email", findEmails(normal)),
    ...(digits
      ? [
          ...tagged("iban", findIbans(normal, runs)),
          ...tagged("card", findCards(normal, runs)),
          ...tagged("taxCode", findTaxCodes(normal, runs)),
          ...tagged("phone", findPhones(normal, runs)),
          ...tagged("plate", findPlates(normal, runs, tokens)),
        ]
      : []),
    ...tagged("address", findAddresses(tokens)),
  ];
  return replaceSpans(normal, resolveOverlaps(found, PRIORITY, normal.length));
}

/** The most characters one number, code or e-mail address takes as written (64 + 255 for an e-mail, and spaces). */
const LONGEST_DATUM = 400;
/** A placeholder is at most this many times longer than what it replaces ("X" -> "[nome]"), plus one. */
const PLACEHOLDER_GROWTH = 7;
/** How much of a message containsPersonalData reads: the reminder it decides is a courtesy, its cost must not grow with the message. */
const CHECKED_CHARS = 4_000;

/**
 * Whether the start of the text (its first 4,000 characters) holds personal data that
 * redactPersonalData would remove.
 */
export function containsPersonalData(text: string): boolean {
  // redactPersonalData(start) !== normalizeText(start), normalising and tokenizing once, and without
  // looking for names once a number, code or address has been found.
  const normal = normalizeText(text.slice(0, CHECKED_CHARS));
  const tokens = tokenize(normal);
  if (withoutDataOtherThanNames(normal, tokens) !== normal) return true;
  return replaceSpans(normal, tagged("name", findNames(normal, tokens))) !== normal;
}

/**
 * The first `keep` characters of the redacted, trimmed text, for a log that keeps no more: only the
 * start of a long message is read, so the cost is bounded whatever its length. What the last
 * characters read became is dropped, so a number cut in two by the end of the part read is never
 * kept half-seen.
 */
export function redactForLog(text: string, keep: number): string {
  const reach = keep + (PLACEHOLDER_GROWTH + 1) * LONGEST_DATUM;
  if (text.length <= reach) return redactPersonalData(text).trim().slice(0, keep);
  const redacted = redactPersonalData(text.slice(0, reach));
  return redacted.slice(0, Math.max(0, redacted.length - PLACEHOLDER_GROWTH * LONGEST_DATUM)).trim().slice(0, keep);
}

function tagged(kind: PersonalDataKind, spans: readonly Span[]): FoundSpan[] {
  return spans.map((span) => ({ ...span, kind }));
}
