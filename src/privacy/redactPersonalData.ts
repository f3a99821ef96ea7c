import { normalizeText } from "../text/normalizeText.js";
import { codeRuns } from "./codeRuns.js";
import { findAddresses } from "./findAddresses.js";
import { findIbans, findPlates, findTaxCodes } from "./findCodes.js";
import { findEmails } from "./findEmails.js";
import { findNamesIn } from "./findNames.js";
import { findCards, findPhones } from "./findNumbers.js";
import type { PersonalDataKind } from "./placeholders.js";
import { replaceSpans, resolveOverlaps, type FoundSpan, type Span } from "./spans.js";
import { tokenize } from "./tokenize.js";

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
  const runs = codeRuns(normal);
  const found: FoundSpan[] = [
    ...tagged("email", findEmails(normal)),
    ...tagged("iban", findIbans(normal, runs)),
    ...tagged("card", findCards(normal, runs)),
    ...tagged("taxCode", findTaxCodes(normal, runs)),
    ...tagged("phone", findPhones(normal, runs)),
    ...tagged("plate", findPlates(normal, runs, tokens)),
    ...tagged("address", findAddresses(tokens)),
  ];
  const withoutData = replaceSpans(normal, resolveOverlaps(found, PRIORITY, normal.length));
  // Names last, on text whose numbers and codes are placeholders already: "sono Marco [telefono]".
  return replaceSpans(withoutData, tagged("name", findNamesIn(tokenize(withoutData))));
}

/** Whether the text holds any personal data that redactPersonalData would remove. */
export function containsPersonalData(text: string): boolean {
  return redactPersonalData(text) !== normalizeText(text);
}

function tagged(kind: PersonalDataKind, spans: readonly Span[]): FoundSpan[] {
  return spans.map((span) => ({ ...span, kind }));
}
