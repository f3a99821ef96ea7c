import { findNames } from "./findNames.js";

/**
 * The markers that replace personal data. They are stored in logs and counted by the report, so
 * they stay the same whatever the language of the message or of the reader.
 */
export const PLACEHOLDERS = Object.freeze({
  name: "[nome]",
  phone: "[telefono]",
  email: "[email]",
  taxCode: "[codice fiscale]",
  iban: "[iban]",
  plate: "[targa]",
  address: "[indirizzo]",
});

// JavaScript's \b only knows ASCII letters: "città12" must not look like a word boundary.
const START = "(?<![\\p{L}\\p{N}])";
const END = "(?![\\p{L}\\p{N}])";

const EMAIL = new RegExp(`[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}`, "gu");

/** Compact, or in groups of four where every group holds a digit (so a following word is never eaten). */
const IBAN = new RegExp(
  `${START}[A-Z]{2}\\d{2}(?:[A-Z0-9]{11,30}|(?: (?=[A-Z]{0,3}\\d)[A-Z0-9]{4}){2,7}(?: (?=[A-Z]{0,3}\\d)[A-Z0-9]{1,3})?)${END}`,
  "giu",
);

/** Codice fiscale, with the letters that replace digits in homocodes (omocodia). */
const TAX_CODE = new RegExp(
  `${START}(?=[A-Z]{0,15}\\d)[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]${END}`,
  "giu",
);

const STREET_WORDS =
  "via|viale|v\\.le|piazza|p\\.zza|p\\.za|piazzale|p\\.le|corso|c\\.so|vicolo|v\\.lo|strada|largo|contrada|c\\.da|localit[aà]|loc\\.|borgo|galleria|circonvallazione|lungo[a-z]+|street|road|avenue";
/** Street words that are also ordinary words: their street name must start with a capital letter. */
const WEAK_STREET_WORDS = new Set(["strada", "largo", "borgo", "galleria", "contrada", "street", "road", "avenue"]);
/** "via" is also a preposition: "via Messenger", "via email 2 volte" are not addresses. */
const NOT_A_STREET_NAME = new Set([
  "messenger", "whatsapp", "facebook", "fb", "instagram", "telegram", "email", "e-mail", "mail", "pec", "posta",
  "telefono", "sms", "app", "web", "internet", "social", "chat", "messaggio", "the", "a", "an", "il", "lo", "gli",
  "un", "una", "uno", "da", "per", "con", "su", "e", "che", "in", "subito", "tutto", "tutti", "qui", "qua",
  "ora", "adesso", "oggi", "ieri", "sempre", "anche", "ormai", "gia", "già", "presto", "prima", "dopo", "poi",
  "fuori", "dentro", "così", "cosi", "almeno", "solo", "ancora", "non", "mi", "ti", "ci", "si", "vi", "ne",
]);
const ADDRESS = new RegExp(
  `${START}(${STREET_WORDS})[ \\t]+((?:\\d{1,2}[ \\t]+)?[\\p{L}][\\p{L}'’.\\-]*(?:[ \\t]+[\\p{L}][\\p{L}'’.\\-]*){0,4}?)` +
    `[ \\t]*,?[ \\t]*(?:n\\.?|nr\\.?|n°|num\\.?|numero|civico)?[ \\t]*\\d{1,4}(?:[ \\t]?\\/[ \\t]?(?:\\d{1,3}|[a-zA-Z])|[ \\t]?[a-zA-Z](?![\\p{L}'’]))?${END}`,
  "giu",
);

/** Digit groups that may be one phone number: "+39 333 1234567", "051-6843111", "039 606761". */
const DIGIT_RUN = new RegExp(`${START}(?:\\+|00)?\\d+(?:(?:[ \\t]?[.\\-/][ \\t]?|[ \\t])\\(?\\d+\\)?)*${END}`, "gu");
const DATE_OR_TIME = /^\d{1,2}[.:/-]\d{1,2}(?:[.:/-]\d{2,4})?(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?$/;

/** Current plates (AB123CD), compact in any case or spaced in capitals. */
const PLATE = new RegExp(`${START}(?:[A-Za-z]{2}\\d{3}[A-Za-z]{2}|[A-Z]{2} \\d{3} [A-Z]{2}|[A-Z]{2}\\d{5})${END}`, "gu");
/** Moped and older plates (X3K7LM): capitals and digits interleaved, as no word or code is written. */
const MIXED_CODE = new RegExp(`${START}[A-Z0-9]{5,7}${END}`, "gu");
/** Whatever follows the word "targa" is a plate, in any format. */
const AFTER_PLATE_WORD = new RegExp(
  `${START}((?:targa|targata|targato|targhe|plate|number plate|licen[cs]e plate)[ \\t]*(?::|n\\.|nr\\.|numero)?[ \\t]*)` +
    `((?=[A-Za-z]{0,7}\\d)[A-Za-z0-9]{3,8}|[A-Z]{2}[ \\t][A-Z0-9]?\\d{4,6})${END}`,
  "giu",
);

/**
 * Replaces the personal data a citizen may type with placeholders ("[nome]", "[telefono]",
 * "[email]", "[codice fiscale]", "[iban]", "[targa]", "[indirizzo]"), so that what remains can be
 * kept to learn what citizens ask. Errs on the side of redacting: a street name or a capitalised
 * word after "sono" may go too, a phone number may not stay.
 */
export function redactPersonalData(text: string): string {
  let out = text.normalize("NFC");
  out = out.replace(EMAIL, PLACEHOLDERS.email);
  out = out.replace(IBAN, PLACEHOLDERS.iban);
  out = out.replace(TAX_CODE, PLACEHOLDERS.taxCode);
  out = replaceAccepted(out, ADDRESS, (match) => isStreetName(match[1] ?? "", match[2] ?? ""), PLACEHOLDERS.address);
  out = out.replace(AFTER_PLATE_WORD, (_match, lead: string) => `${lead}${PLACEHOLDERS.plate}`);
  out = out.replace(PLATE, PLACEHOLDERS.plate);
  out = out.replace(DIGIT_RUN, redactPhonesIn);
  out = replaceAccepted(out, MIXED_CODE, (match) => isMixedCode(match[0]), PLACEHOLDERS.plate);
  return replaceSpans(out, findNames(out), PLACEHOLDERS.name);
}

/** Whether the text holds any personal data that redactPersonalData would remove. */
export function containsPersonalData(text: string): boolean {
  return redactPersonalData(text) !== text.normalize("NFC");
}

function isStreetName(street: string, name: string): boolean {
  const words = name.split(/[ \t]+/).filter((w) => !/^\d+$/.test(w));
  const first = words[0] ?? "";
  if (NOT_A_STREET_NAME.has(first.toLowerCase())) return false;
  // "via di Mezzo 3" is a street, "via di corsa 2 volte" is not.
  if (/^d(i|el|ella|ei|egli|elle|ello)$/i.test(first) && !/^\p{Lu}/u.test(words[1] ?? "")) return false;
  if (WEAK_STREET_WORDS.has(street.toLowerCase()) && !/^\p{Lu}/u.test(first)) return false;
  // "via dei Mille 12" is an address; "vado via da 3 giorni" is not: a name never ends on a particle.
  return !NOT_A_STREET_NAME.has((words[words.length - 1] ?? "").toLowerCase());
}

/**
 * Replaces the matches that pass a test. A rejected match gives its text back to the search, so
 * "scrivo via email da via Roma 12" still finds "via Roma 12".
 */
function replaceAccepted(text: string, pattern: RegExp, accept: (match: RegExpExecArray) => boolean, placeholder: string): string {
  const spans: Array<{ start: number; end: number }> = [];
  const regex = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (accept(match)) spans.push({ start: match.index, end: match.index + match[0].length });
    else regex.lastIndex = match.index + 1;
  }
  return replaceSpans(text, spans, placeholder);
}

/** At least two letters, two digits and three changes between them: X3K7LM, not COVID19 or IMU2024. */
function isMixedCode(token: string): boolean {
  const letters = token.replace(/\d/g, "").length;
  const digits = token.length - letters;
  const changes = [...token].filter((c, i) => i > 0 && /\d/.test(c) !== /\d/.test(token[i - 1] ?? "")).length;
  return letters >= 2 && digits >= 2 && changes >= 3;
}

/** Within a run of digit groups, replaces the longest stretches that are phone numbers. */
function redactPhonesIn(run: string): string {
  const groups = [...run.matchAll(/\+?\d+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = groups.length - 1; j >= i; j--) {
      const start = groups[i]!.start;
      const end = groups[j]!.end;
      if (isPhoneNumber(run.slice(start, end))) {
        spans.push({ start, end });
        i = j;
        break;
      }
    }
  }
  return replaceSpans(run, spans, PLACEHOLDERS.phone);
}

/**
 * Italian numbers start with 0 (landlines, 6 to 11 digits) or 3 (mobiles, 9 or 10 digits); with an
 * international prefix any 8 to 15 digits. Short numbers (112, 1522, 800 …) are public, not personal.
 */
function isPhoneNumber(candidate: string): boolean {
  if (DATE_OR_TIME.test(candidate)) return false;
  const digits = candidate.replace(/\D/g, "");
  if (candidate.startsWith("+") || (candidate.startsWith("00") && digits.length >= 10)) {
    return digits.length >= 8 && digits.length <= 15;
  }
  if (digits.startsWith("0")) return digits.length >= 6 && digits.length <= 11;
  if (digits.startsWith("3")) return digits.length >= 9 && digits.length <= 10;
  return false;
}

/** Replaces spans (in any order, overlapping ones merged) with one placeholder each. */
function replaceSpans(text: string, spans: ReadonlyArray<{ start: number; end: number }>, placeholder: string): string {
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  let out = "";
  let cursor = 0;
  for (const span of merged) {
    out += text.slice(cursor, span.start) + placeholder;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}
