import type { CodeRun } from "./codeRuns.js";
import type { Span } from "./spans.js";

/** A group of digits that may be part of a phone or card number. */
interface DigitGroup {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

const MAX_PHONE_DIGITS = 15;
const CARD_DIGITS = { min: 13, max: 19 } as const;
/** "03/11/2026", "08.30-13.00": dates and opening hours are not phone numbers. Run on a short candidate only. */
const DATE_OR_TIME = /^\d{1,2}[.:/-]\d{1,2}(?:[.:/-]\d{2,4})?(?: ?- ?\d{1,2}[.:]\d{2})?$/;

/**
 * Groups of digits standing one after the other with what people write between the groups of a
 * number: a space, a dot, a hyphen, a slash, brackets ("(051) 684-3111", "333.123.4567").
 */
function chainsOf(text: string, runs: readonly CodeRun[]): DigitGroup[][] {
  const chains: DigitGroup[][] = [];
  let chain: DigitGroup[] = [];
  let previousEnd = -1;
  for (const run of runs) {
    if (run.digits !== run.text.length || touchesLetterAfter(text, run.end)) {
      if (chain.length > 0) chains.push(chain);
      chain = [];
      previousEnd = -1;
      continue;
    }
    if (chain.length > 0 && !isNumberSeparator(text, previousEnd, run.start)) {
      chains.push(chain);
      chain = [];
    }
    chain.push({ start: run.start, end: run.end, digits: run.text });
    previousEnd = run.end;
  }
  if (chain.length > 0) chains.push(chain);
  return chains.flatMap((c) => withoutDatesAndTimes(text, c));
}

/**
 * Cuts times ("08.30", "13:00") and dates ("03/11/2026", "3.11.26") out of a chain: in
 * "08.30 - 13.00" the digits of two times are no phone number.
 */
function withoutDatesAndTimes(text: string, chain: readonly DigitGroup[]): DigitGroup[][] {
  const pieces: DigitGroup[][] = [];
  let piece: DigitGroup[] = [];
  const joint = (k: number) => (chain[k + 1] && chain[k + 1]!.start - chain[k]!.end === 1 ? text[chain[k]!.end] : undefined);
  for (let k = 0; k < chain.length; k++) {
    const [a, b, c] = [chain[k]!, chain[k + 1], chain[k + 2]];
    const separator = joint(k);
    let skip = 0;
    if (b && a.digits.length <= 2 && b.digits.length <= 2 && (separator === "/" || separator === "." || separator === "-") && joint(k + 1) === separator && c && (c.digits.length === 2 || c.digits.length === 4)) {
      skip = 3;
    } else if (b && a.digits.length <= 2 && b.digits.length === 2 && (separator === "." || separator === ":") && Number(a.digits) <= 24 && Number(b.digits) <= 59) {
      skip = 2;
    }
    if (skip === 0) {
      piece.push(a);
      continue;
    }
    if (piece.length > 0) pieces.push(piece);
    piece = [];
    k += skip - 1;
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

/** A digit run followed by a letter ("3b", "12abc") is a house number or a code, not a number's group. */
function touchesLetterAfter(text: string, end: number): boolean {
  return end < text.length && /\p{L}/u.test(text[end]!);
}

function isNumberSeparator(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 4) return false;
  let marks = 0;
  let spaces = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === " ") spaces++;
    else if (c === "." || c === "-" || c === "/") marks++;
    else if (c !== "(" && c !== ")") return false;
  }
  return marks <= 1 && spaces <= 2;
}

/**
 * Phone numbers in all the shapes Italians write them: "+39 333 1234567", "0039 333 1234567",
 * "(051) 684-3111", "051/6843111", "347.123.4567", with any kind of space (normalised first).
 * Landlines start with 0 (6 to 11 digits), mobiles with 3 (9 or 10); with an international prefix,
 * any 8 to 15 digits. Short public numbers (112, 1522, 800 …) are not personal and stay.
 * Each group is tried with at most the next fifteen: linear in the length of the text.
 */
export function findPhones(text: string, runs: readonly CodeRun[]): Span[] {
  const spans: Span[] = [];
  for (const chain of chainsOf(text, runs)) {
    for (let i = 0; i < chain.length; i++) {
      const plus = prefixBefore(text, chain[i]!.start);
      const leading = chain[i]!.digits[0];
      if (!plus.international && leading !== "0" && leading !== "3") continue;
      const found = longestMatch(chain, i, MAX_PHONE_DIGITS, (digits, start, end) =>
        isPhoneNumber(digits, plus.international, text.slice(start, end)),
      );
      if (found === undefined) continue;
      const last = chain[found]!;
      spans.push({ start: plus.start, end: closingBracketAfter(text, last.end) });
      i = found;
    }
  }
  return spans;
}

/**
 * Payment card numbers: 13 to 19 digits, whole or in groups split by spaces or hyphens, that pass
 * the Luhn check (so that a long file number is not taken for a card).
 */
export function findCards(text: string, runs: readonly CodeRun[]): Span[] {
  const spans: Span[] = [];
  for (const chain of chainsOf(text, runs)) {
    for (let i = 0; i < chain.length; i++) {
      const found = longestCard(text, chain, i);
      if (found === undefined) continue;
      spans.push({ start: chain[i]!.start, end: chain[found]!.end });
      i = found;
    }
  }
  return spans;
}

/**
 * The last group of the longest card number starting at group i: one group of 13 to 19 digits,
 * or groups of 3 to 6 digits (the last may be shorter) split by one space or hyphen.
 */
function longestCard(text: string, chain: readonly DigitGroup[], i: number): number | undefined {
  const first = chain[i]!;
  if (first.digits.length >= CARD_DIGITS.min) {
    return first.digits.length <= CARD_DIGITS.max && passesLuhn(first.digits) ? i : undefined;
  }
  let digits = "";
  let found: number | undefined;
  for (let j = i; j < chain.length; j++) {
    const group = chain[j]!;
    if (j > i && !(group.start - chain[j - 1]!.end === 1 && (text[group.start - 1] === " " || text[group.start - 1] === "-"))) break;
    digits += group.digits;
    if (digits.length > CARD_DIGITS.max) break;
    if (digits.length >= CARD_DIGITS.min && passesLuhn(digits)) found = j;
    // Only the last group may be shorter than three digits or longer than six.
    if (group.digits.length < 3 || group.digits.length > 6) break;
  }
  return found;
}

/** The last group j ≥ i such that groups i..j, at most `maxDigits` digits in all, pass the test, longest first. */
function longestMatch(
  chain: readonly DigitGroup[],
  i: number,
  maxDigits: number,
  test: (digits: string, start: number, end: number) => boolean,
): number | undefined {
  const prefixes: string[] = [];
  let digits = "";
  for (let j = i; j < chain.length && digits.length + chain[j]!.digits.length <= maxDigits; j++) {
    digits += chain[j]!.digits;
    prefixes.push(digits);
  }
  for (let k = prefixes.length - 1; k >= 0; k--) {
    if (test(prefixes[k]!, chain[i]!.start, chain[i + k]!.end)) return i + k;
  }
  return undefined;
}

/** "+39 …", "+44 (0)20 …", "(051) …": where the number starts, and whether it says its country. */
function prefixBefore(text: string, start: number): { start: number; international: boolean } {
  let at = start;
  if (text[at - 1] === "(") at--;
  if (text[at - 1] === "+") return { start: at - 1, international: true };
  if (text[at - 1] === " " && text[at - 2] === "+") return { start: at - 2, international: true };
  return { start: at, international: false };
}

function closingBracketAfter(text: string, end: number): number {
  return text[end] === ")" ? end + 1 : end;
}

function isPhoneNumber(digits: string, international: boolean, written: string): boolean {
  if (DATE_OR_TIME.test(written)) return false;
  if (international || (digits.startsWith("00") && digits.length >= 10)) return digits.length >= 8 && digits.length <= 15;
  if (digits.startsWith("0")) return digits.length >= 6 && digits.length <= 11;
  if (digits.startsWith("3")) return digits.length >= 9 && digits.length <= 10;
  return false;
}

/** The Luhn (mod 10) check digit test of payment cards. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
