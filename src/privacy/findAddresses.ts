import type { Span } from "./spans.js";
import type { Token } from "./tokenize.js";

const STREET_WORDS = new Set([
  "via", "viale", "v.le", "piazza", "p.zza", "p.za", "piazzale", "p.le", "corso", "c.so", "vicolo", "v.lo", "strada", "largo",
  "contrada", "c.da", "localita", "loc", "borgo", "galleria", "circonvallazione", "street", "road", "avenue",
]);
/** Street words that are also ordinary words: their street name must start with a capital letter. */
const WEAK_STREET_WORDS = new Set(["strada", "largo", "borgo", "galleria", "contrada", "street", "road", "avenue"]);
/** "via" is also a preposition: "via Messenger", "via email 2 volte" are not addresses. */
const NOT_A_STREET_NAME = new Set([
  "messenger", "whatsapp", "facebook", "fb", "instagram", "telegram", "email", "e-mail", "mail", "pec", "posta",
  "telefono", "sms", "app", "web", "internet", "social", "chat", "messaggio", "the", "a", "an", "il", "lo", "gli",
  "un", "una", "uno", "da", "per", "con", "su", "e", "che", "in", "subito", "tutto", "tutti", "qui", "qua",
  "ora", "adesso", "oggi", "ieri", "sempre", "anche", "ormai", "gia", "presto", "prima", "dopo", "poi",
  "fuori", "dentro", "cosi", "almeno", "solo", "ancora", "non", "mi", "ti", "ci", "si", "vi", "ne",
]);
const NUMBER_WORDS = new Set(["n", "nr", "num", "numero", "civico", "no"]);
const MAX_NAME_WORDS = 5;

/**
 * Street addresses with a house number: "via Roma 12", "viale Matteotti, 4", "piazza Guercino n. 39",
 * "Corso Guercino 62/a", "via di Mezzo 3". Each street word looks at most five words ahead.
 */
export function findAddresses(tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const street = tokens[t]!;
    if (street.kind !== "word" || !isStreetWord(street.key)) continue;
    const end = addressEnd(tokens, t);
    if (end === undefined) continue;
    spans.push({ start: street.start, end: tokens[end - 1]!.end });
    t = end - 1;
  }
  return spans;
}

function isStreetWord(key: string): boolean {
  return STREET_WORDS.has(key) || (key.startsWith("lungo") && key.length > 6);
}

/** The index after the address that starts with the street word at t, if one does. */
function addressEnd(tokens: readonly Token[], t: number): number | undefined {
  let first = t + 1;
  const sameLine = (i: number) => tokens[i] !== undefined && tokens[i]!.space !== "\n";
  const spaced = (i: number) => tokens[i]?.space === " ";
  if (!spaced(first)) return undefined;
  // "via 20 Settembre 5"
  if (tokens[first]!.kind === "number" && tokens[first]!.text.length <= 2 && tokens[first + 1]?.kind === "word" && spaced(first + 1)) first++;
  for (let count = 1; count <= MAX_NAME_WORDS; count++) {
    const last = first + count - 1;
    if (tokens[last]?.kind !== "word" || !spaced(last)) return undefined;
    const end = houseNumberEnd(tokens, last + 1, sameLine);
    if (end === undefined) continue;
    const names = tokens.slice(first, last + 1).map((w) => w.text);
    return isStreetName(tokens[t]!.key, names) ? end : undefined;
  }
  return undefined;
}

/** After a street name: ", n. 12", "civico 40", "62/a", "3b"; the index after it. */
function houseNumberEnd(tokens: readonly Token[], from: number, sameLine: (i: number) => boolean): number | undefined {
  let i = from;
  if (tokens[i]?.text === "," && sameLine(i)) i++;
  if (tokens[i]?.kind === "word" && NUMBER_WORDS.has(tokens[i]!.key) && sameLine(i)) {
    i++;
    if (tokens[i]?.text === "°" && tokens[i]!.space === "") i++;
  }
  const number = tokens[i];
  if (number?.kind !== "number" || number.text.length > 4 || !sameLine(i)) return undefined;
  i++;
  const next = tokens[i];
  if (next?.text === "/" && sameLine(i)) {
    const after = tokens[i + 1];
    if (after && sameLine(i + 1) && ((after.kind === "number" && after.text.length <= 3) || isSingleLetter(after))) i += 2;
  } else if (next && isSingleLetter(next) && sameLine(i) && (next.space === "" || !"aeioAEIO".includes(next.text))) {
    // "3b", "12 B"; not "12 e poi".
    i++;
  }
  // The number ends there: "12abc" or "12.5" is something else.
  const following = tokens[i];
  if (following && following.space === "" && (following.kind === "word" || following.kind === "number")) return undefined;
  return i;
}

function isSingleLetter(token: Token): boolean {
  return token.kind === "word" && /^[a-zA-Z]$/.test(token.text);
}

function isStreetName(street: string, names: readonly string[]): boolean {
  const first = names[0] ?? "";
  const lower = (w: string) => w.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  if (NOT_A_STREET_NAME.has(lower(first))) return false;
  // "via di Mezzo 3" is a street, "via di corsa 2 volte" is not.
  if (/^d(?:i|el|ella|ei|egli|elle|ello)$/i.test(first) && !/^\p{Lu}/u.test(names[1] ?? "")) return false;
  if (WEAK_STREET_WORDS.has(street) && !/^\p{Lu}/u.test(first)) return false;
  // "via dei Mille 12" is an address; "vado via da 3 giorni" is not: a name never ends on a particle.
  return !NOT_A_STREET_NAME.has(lower(names[names.length - 1] ?? ""));
}
