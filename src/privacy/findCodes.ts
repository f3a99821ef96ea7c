import type { CodeRun } from "./codeRuns.js";
import type { Span } from "./spans.js";
import type { Token } from "./tokenize.js";

/** Codice fiscale, with the letters that replace digits in homocodes (omocodia); the check letter may be missing. */
const TAX_CODE = /^[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]?$/i;
/** Where a codice fiscale written in pieces may be split: surname, name, year, month, day, comune, check. */
const TAX_CODE_SPLITS = new Set([3, 6, 8, 9, 11, 12, 15]);
const IBAN_LENGTH = { min: 15, max: 34 } as const;
const IBAN_START = /^[A-Z]{2}\d{2}/i;
/** What the first group of an IBAN can be: its start, as far as the group goes ("IT", "IT6", "IT60", "IT60X054…"). */
const IBAN_FIRST_GROUP = /^[A-Z]{2}(?:\d\d|\d?$)/i;

/** Runs joined by one space, hyphen or dot on the same line, up to `maxLength` characters in all. */
function followingRuns(text: string, runs: readonly CodeRun[], i: number, maxLength: number): CodeRun[] {
  const taken = [runs[i]!];
  let length = runs[i]!.text.length;
  for (let j = i + 1; j < runs.length; j++) {
    const previous = runs[j - 1]!;
    const run = runs[j]!;
    const separator = run.start - previous.end === 1 ? text[previous.end] : undefined;
    if (separator !== " " && separator !== "-" && separator !== ".") break;
    if (length + run.text.length > maxLength) break;
    taken.push(run);
    length += run.text.length;
  }
  return taken;
}

/**
 * Codici fiscali: whole ("RSSMRA80A01C469X"), in pieces split where its parts meet ("RSS MRA 80A01
 * C469X", "RSSMRA-80A01-C469X"), in any case, and without the final check letter.
 */
export function findTaxCodes(text: string, runs: readonly CodeRun[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < runs.length; i++) {
    if (!cleanStart(text, runs[i]!)) continue;
    const pieces = followingRuns(text, runs, i, 16);
    let joined = "";
    for (let k = 0; k < pieces.length; k++) {
      joined += pieces[k]!.text;
      if (k < pieces.length - 1 && !TAX_CODE_SPLITS.has(joined.length)) break;
      const last = pieces[k]!;
      if ((joined.length !== 16 && joined.length !== 15) || !cleanEnd(text, last) || !TAX_CODE.test(joined)) continue;
      // Written whole with its check letter the shape says enough; in pieces or cut short, words
      // could fit it ("mio sportello 011"), so the year and the day must be digits, as they are but
      // in the rarest homocodes.
      if (k === 0 && joined.length === 16 ? countDigits(joined) < 1 : !/^.{6}\d\d.\d\d/.test(joined)) continue;
      spans.push({ start: runs[i]!.start, end: last.end });
      i += k;
      break;
    }
  }
  return spans;
}

/**
 * IBANs: whole, or in groups split by spaces, hyphens or dots. Groups are taken as far as the
 * ISO 7064 check (mod 97) holds; a mistyped IBAN still goes when its groups all hold a digit.
 */
export function findIbans(text: string, runs: readonly CodeRun[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < runs.length; i++) {
    const first = runs[i]!;
    // Every IBAN opens with two letters and two digits (IBAN_START): so must the start of its first group.
    if (!IBAN_FIRST_GROUP.test(first.text) || !cleanStart(text, first)) continue;
    const pieces = followingRuns(text, runs, i, IBAN_LENGTH.max);
    let joined = "";
    let valid: number | undefined;
    let grouped: number | undefined;
    let allGroupsHoldDigits = true;
    for (let k = 0; k < pieces.length; k++) {
      // Only the bank code after the first group may be all letters ("GB29 NWBK 6016 …").
      if (k >= 2 && pieces[k]!.digits === 0) break;
      joined += pieces[k]!.text;
      if (k > 0 && pieces[k]!.digits === 0) allGroupsHoldDigits = false;
      if (joined.length < IBAN_LENGTH.min || joined.length > IBAN_LENGTH.max || !IBAN_START.test(joined) || !cleanEnd(text, pieces[k]!)) continue;
      if (passesMod97(joined)) valid = k;
      else if (k === 0 || (allGroupsHoldDigits && /^[A-Z]{2}$|^[A-Z]{2}\d{2}$/.test(first.text))) grouped = k;
    }
    const last = valid ?? grouped;
    if (last === undefined) continue;
    spans.push({ start: first.start, end: pieces[last]!.end });
    i += last;
  }
  return spans;
}

/** ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end. */
export function passesMod97(iban: string): boolean {
  const rearranged = (iban.slice(4) + iban.slice(0, 4)).toUpperCase();
  let remainder = 0;
  for (const c of rearranged) {
    const code = c.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/**
 * Number plates: current ones (AB123CD, in any case whole; "AB 123 CD" or "AB-123-CD" in capitals),
 * older ones (FE 123456 after the word "targa"), moped plates and codes that interleave capitals
 * and digits as no word does (X3K7LM).
 */
export function findPlates(text: string, runs: readonly CodeRun[], tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (!run.clean) continue;
    if (/^[A-Za-z]{2}\d{3}[A-Za-z]{2}$|^[A-Z]{2}\d{5}$/.test(run.text) || isMixedCode(run.text)) {
      spans.push({ start: run.start, end: run.end });
      continue;
    }
    const spaced = spacedPlate(text, runs, i);
    if (spaced !== undefined) {
      spans.push(spaced);
      i += 2;
    }
  }
  return [...spans, ...platesAfterTheWord(text, runs, tokens)];
}

/** "AB 123 CD" in capitals, "AB-123-CD" in any case ("da 100 km" is no plate). */
function spacedPlate(text: string, runs: readonly CodeRun[], i: number): Span | undefined {
  // A plate in pieces opens with its two letters: no other run starts one.
  if (runs[i]!.text.length !== 2) return undefined;
  const pieces = followingRuns(text, runs, i, 7);
  if (pieces.length < 3) return undefined;
  const [a, b, c] = pieces as [CodeRun, CodeRun, CodeRun];
  const hyphens = text[a.end] === "-" && text[b.end] === "-";
  const letters = hyphens ? /^[A-Za-z]{2}$/ : /^[A-Z]{2}$/;
  if (!letters.test(a.text) || !/^\d{3}$/.test(b.text) || !letters.test(c.text) || !cleanEnd(text, c) || !cleanStart(text, a)) return undefined;
  return { start: a.start, end: c.end };
}

const PLATE_WORDS = new Set(["targa", "targata", "targato", "targhe", "plate"]);
const NUMBER_WORDS = new Set(["n", "nr", "numero", "number", "no"]);

/** Whatever stands after the word "targa" is a plate, in any format: "targa: FE 123456", "targata ab 123 cd". */
function platesAfterTheWord(text: string, runs: readonly CodeRun[], tokens: readonly Token[]): Span[] {
  // Where each run starts, made only for a message that says "targa": most never do.
  let runAt: Map<number, number> | undefined;
  const spans: Span[] = [];
  for (let t = 0; t < tokens.length; t++) {
    if (tokens[t]!.kind !== "word" || !PLATE_WORDS.has(tokens[t]!.key)) continue;
    runAt ??= new Map(runs.map((run, index) => [run.start, index]));
    let next = t + 1;
    if (tokens[next]?.text === ":") next++;
    if (tokens[next]?.kind === "word" && NUMBER_WORDS.has(tokens[next]!.key)) next++;
    if (tokens[next]?.text === ":") next++;
    const token = tokens[next];
    const index = token && token.space !== "\n" ? runAt.get(token.start) : undefined;
    if (index === undefined) continue;
    const pieces = followingRuns(text, runs, index, 8);
    let joined = "";
    let last: number | undefined;
    for (let k = 0; k < pieces.length && k < 3; k++) {
      const piece = pieces[k]!;
      // After the first piece, digits or the two letters that end a plate: never the next word.
      if (k > 0 && piece.digits === 0 && !(piece.text.length <= 2 && pieces[k - 1]!.digits === pieces[k - 1]!.text.length)) break;
      joined += piece.text;
      if (joined.length >= 3 && /\d/.test(joined) && /^[A-Za-z0-9]{3,8}$/.test(joined) && cleanEnd(text, pieces[k]!)) last = k;
    }
    if (last !== undefined) spans.push({ start: pieces[0]!.start, end: pieces[last]!.end });
  }
  return spans;
}

/** At least two letters, two digits and three changes between them: X3K7LM, not COVID19 or IMU2024. */
function isMixedCode(token: string): boolean {
  if (token.length < 5 || token.length > 7 || !/^[A-Z0-9]+$/.test(token)) return false;
  let digits = 0;
  let changes = 0;
  for (let i = 0; i < token.length; i++) {
    const digit = token.charCodeAt(i) <= 57;
    if (digit) digits++;
    if (i > 0 && digit !== token.charCodeAt(i - 1) <= 57) changes++;
  }
  return token.length - digits >= 2 && digits >= 2 && changes >= 3;
}

function countDigits(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) <= 57) digits++;
  return digits;
}

/** No letter or digit of any script right before the run. */
function cleanStart(text: string, run: CodeRun): boolean {
  return run.clean || !/[\p{L}\p{N}\p{M}]/u.test(text[run.start - 1] ?? "");
}

/** No letter or digit of any script right after the run. */
function cleanEnd(text: string, run: CodeRun): boolean {
  return run.clean || !/[\p{L}\p{N}\p{M}]/u.test(text[run.end] ?? "");
}
