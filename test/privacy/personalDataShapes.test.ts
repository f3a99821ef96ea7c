import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passesLuhn } from "../../src/privacy/findNumbers.js";
import { passesMod97 } from "../../src/privacy/findCodes.js";
import { redactPersonalData } from "../../src/privacy/redactPersonalData.js";

/**
 * Ordinary words of citizens' messages: no digits, no names, and none of the words that make the
 * next name a place's ("scuola Mario Rossi", "piazza Garibaldi").
 */
const FILLER = [
  "buongiorno", "buonasera", "vorrei", "sapere", "quando", "apre", "ufficio", "la", "il", "per", "domanda", "grazie",
  "scusate", "ho", "un", "problema", "con", "bolletta", "del", "comune", "oggi", "domani", "strada", "chiuso", "aperto",
  "lavori", "rifiuti", "raccolta", "orari", "sportello", "certificato", "residenza", "modulo", "pagamento", "ieri",
  "sera", "mattina", "ancora", "niente", "risposta", "pratica", "pagare", "multa", "mercato", "biblioteca", "mensa", "e", "ma", "perché", "qui", "mio", "mia", "non", "funziona", "aiuto", "numero", "codice", "conto",
];
const SPACES = [" ", "\u00A0", "\u202F"];
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const letters = (count: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ") =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: count, maxLength: count });

/** A piece of personal data as written, and the parts of it that must not survive. */
interface Written {
  readonly text: string;
  readonly secrets: readonly string[];
  /** a signature must end the message */
  readonly last?: boolean;
}

const mobile = fc
  .tuple(fc.constantFrom("32", "33", "34", "35", "36", "38", "39"), digits(1, 1), digits(7, 7), fc.constantFrom(...SPACES), fc.constantFrom("", "+39 ", "0039 ", "+39", "+39\u00A0"))
  .chain(([a, b, rest, space, prefix]) =>
    fc.constantFrom(
      `${prefix}${a}${b}${rest}`,
      `${prefix}${a}${b}${space}${rest}`,
      `${prefix}${a}${b}${space}${rest.slice(0, 3)}${space}${rest.slice(3)}`,
      `${prefix}${a}${b}.${rest.slice(0, 3)}.${rest.slice(3)}`,
      `${prefix}${a}${b}-${rest.slice(0, 3)}-${rest.slice(3)}`,
    ),
  );
const landline = fc
  .tuple(fc.constantFrom("02", "06", "051", "0532", "039", "011", "0516"), digits(6, 7), fc.constantFrom(...SPACES), fc.constantFrom("", "+39 ", "0039 "))
  .chain(([area, rest, space, prefix]) =>
    fc.constantFrom(
      `${prefix}${area}${rest}`,
      `${prefix}${area}${space}${rest}`,
      `(${area}) ${rest.slice(0, 3)}-${rest.slice(3)}`,
      `${area}/${rest}`,
      `${prefix}${area}${space}${rest.slice(0, 3)}${space}${rest.slice(3)}`,
      `${area}.${rest.slice(0, 3)}.${rest.slice(3)}`,
    ),
  );
const phone = fc.oneof(mobile, landline).map((text): Written => ({ text, secrets: [] }));

/** 16 digits with a Luhn check digit, as printed on cards or typed. */
const card = fc
  .tuple(fc.constantFrom("4", "51", "52", "53", "54", "55"), digits(14, 14), fc.constantFrom(" ", "-", "", "\u00A0"))
  .map(([issuer, body, separator]): Written => {
    const partial = (issuer + body).slice(0, 15);
    const check = [..."0123456789"].find((d) => passesLuhn(partial + d))!;
    const number = partial + check;
    const grouped = separator === "" ? number : (number.match(/.{1,4}/g) ?? []).join(separator);
    return { text: grouped, secrets: [] };
  });

const MONTHS = "ABCDEHLMPRST";
const taxCode = fc
  .tuple(letters(6), digits(2, 2), letters(1, MONTHS), fc.integer({ min: 1, max: 71 }), letters(1), digits(3, 3), letters(1), fc.integer({ min: 0, max: 5 }))
  .map(([name, year, month, day, place, comune, check, shape]): Written => {
    const dd = String(day).padStart(2, "0");
    const whole = `${name}${year}${month}${dd}${place}${comune}${check}`;
    const written = [
      whole,
      `${name.slice(0, 3)} ${name.slice(3)} ${year}${month}${dd} ${place}${comune}${check}`,
      `${name}-${year}${month}${dd}-${place}${comune}${check}`,
      whole.toLowerCase(),
      whole.slice(0, 15),
      `${name}\u00A0${year}${month}${dd}\u00A0${place}${comune}${check}`,
    ][shape]!;
    return { text: written, secrets: [name.slice(0, 3), name.slice(3), name] };
  });

/** Italian IBANs with their real check digits. */
const iban = fc
  .tuple(letters(1), digits(10, 10), digits(12, 12), fc.constantFrom(" ", "-", "", "\u00A0"))
  .map(([cin, bank, account, separator]): Written => {
    const bban = `${cin}${bank}${account}`;
    const check = [...Array(97).keys()].map((n) => String(n).padStart(2, "0")).find((c) => passesMod97(`IT${c}${bban}`))!;
    const whole = `IT${check}${bban}`;
    return { text: separator === "" ? whole : (whole.match(/.{1,4}/g) ?? []).join(separator), secrets: [] };
  });

const email = fc
  .tuple(letters(5, "abcdefghilmnoprstuvz"), letters(4, "abcdefghilmnoprstuvz"), fc.constantFrom("gmail.com", "libero.it", "outlook.com", "comune.cento.fe.it"), fc.constantFrom("@", "＠", " @ ", "@ ", " @"))
  .map(([first, second, domain, at]): Written => ({ text: `${first}.${second}${at}${domain}`, secrets: [first, second, "@", domain.split(".")[0]!] }));

const PLATE_LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ";
const plate = fc
  .tuple(letters(2, PLATE_LETTERS), digits(3, 3), letters(2, PLATE_LETTERS), fc.integer({ min: 0, max: 4 }))
  .map(([a, n, b, shape]): Written => {
    const text = [`${a}${n}${b}`, `${a} ${n} ${b}`, `${a}-${n}-${b}`, `${a}${n}${b}`.toLowerCase(), `${a}-${n}-${b}`.toLowerCase()][shape]!;
    return { text, secrets: [a, b, `${a}${n}${b}`] };
  });

const GIVEN = ["Mario", "Giuseppe", "Lucia", "Francesca", "Xiaoming", "Kwame", "Ionut", "Oksana", "Gurpreet", "Mamadou", "Fatima", "Zhiqiang", "Aurelio", "Ngozi"];
const KNOWN_GIVEN = ["Mario", "Giuseppe", "Lucia", "Francesca", "Xiaoming", "Fatima", "Aurelio"];
const FAMILY = ["Rossi", "Verdi", "Esposito", "Colombo", "Ricci", "Ferioli", "Tassinari", "Guidetti", "Li", "Wang", "Mensah", "Popescu", "Hoxha", "Kovalenko", "Singh", "Diallo", "Nguyen"];
const name = fc
  .tuple(fc.constantFrom(...GIVEN), fc.constantFrom(...KNOWN_GIVEN), fc.constantFrom(...FAMILY), fc.integer({ min: 0, max: 13 }))
  .map(([given, known, family, shape]): Written => {
    const shapes: Array<[string, string[], boolean?]> = [
      [`mi chiamo ${given} ${family}`, [given, family]],
      [`sono ${given} ${family}`, [given, family]],
      [`firmato ${family.toUpperCase()} ${given.toUpperCase()}`, [given, family]],
      [`Cordiali saluti,\n${given} ${family}`, [given, family], true],
      [`cordiali saluti ${given.toLowerCase()} ${family.toLowerCase()}`, [given, family], true],
      [`Sig. ${family}`, [family]],
      [`Sig.ra ${family}`, [family]],
      [`Dott. ${family.toLowerCase()}`, [family]],
      [`my name is ${given} ${family}`, [given, family]],
      [`I am ${given} ${family}`, [given, family]],
      [`mi chiamo ${given.toLowerCase()} ${family.toLowerCase()}`, [given, family]],
      // Without a cue, "li", "lo", "ma" after a lower-case first name are taken for words ("mario li ha visti").
      [`${known.toLowerCase()} ${(["Li", "Lo", "Ma"].includes(family) ? "Wang" : family).toLowerCase()}`, [known, family === "Li" ? "Wang" : family]],
      [`il sottoscritto ${given} ${family}`, [given, family]],
      [`${family.toUpperCase()} ${known.toUpperCase()}`, [known, family]],
    ];
    const [text, secrets, last] = shapes[shape]!;
    return { text, secrets, ...(last ? { last } : {}) };
  });

/** The shape inside a sentence of ordinary words, as a citizen would write it. */
function inSentence(shape: fc.Arbitrary<Written>) {
  return fc
    .tuple(
      fc.array(fc.constantFrom(...FILLER), { maxLength: 8 }),
      shape,
      fc.constantFrom(" ", ", ", ": ", " ("),
      fc.constantFrom(" ", ", ", ") ", ". "),
      fc.array(fc.constantFrom(...FILLER), { maxLength: 8 }),
      fc.constantFrom("", ".", "?", "!"),
    )
    .map(([before, data, lead, tail, after, end]) => {
      const opening = before.length > 0 ? `${before.join(" ")}${lead}` : "";
      const closing = data.last || after.length === 0 ? "" : `${tail}${after.join(" ")}`;
      return { message: `${opening}${data.text}${closing}${data.last ? "" : end}`, data, filler: new Set([...before, ...after]) };
    });
}

/** Words of the redacted text that are pieces of the personal data (not filler words that happen to match). */
function survivors(redacted: string, data: Written, filler: ReadonlySet<string>): string[] {
  const words = new Set(redacted.toLowerCase().split(/[^\p{L}\p{N}@]+/u));
  const left = data.secrets.filter((s) => {
    const secret = s.toLowerCase();
    return secret === "@" ? redacted.includes("@") : words.has(secret) && !filler.has(secret);
  });
  if (/\d/.test(redacted)) left.push(`digits in ${JSON.stringify(redacted)}`);
  return left;
}

describe("personal data in any of its common shapes, inside random sentences, is all removed", () => {
  it.each([
    ["phone numbers", phone],
    ["payment cards", card],
    ["codici fiscali", taxCode],
    ["IBANs", iban],
    ["e-mail addresses", email],
    ["number plates", plate],
    ["names", name],
  ] as const)("%s", (_kind, shape) => {
    fc.assert(
      fc.property(inSentence(shape), ({ message, data, filler }) => {
        const redacted = redactPersonalData(message);
        expect(survivors(redacted, data, filler), `${JSON.stringify(message)} -> ${JSON.stringify(redacted)}`).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
