import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PLACEHOLDERS, containsPersonalData, redactForLog, redactPersonalData } from "../../src/privacy/redactPersonalData.js";
import { normalizeText } from "../../src/text/normalizeText.js";

const { name, phone, email, taxCode, iban, card, plate, address } = PLACEHOLDERS;

describe("redactPersonalData removes each kind of personal data", () => {
  it.each([
    // names, in the forms citizens use
    ["Buongiorno, sono Lucia Bernardi e vorrei sapere gli orari", `Buongiorno, sono ${name} e vorrei sapere gli orari`],
    ["mi chiamo Marco Rossi, ho una domanda", `mi chiamo ${name}, ho una domanda`],
    ["mi chiamo Mario ROSSI", `mi chiamo ${name}`],
    ["buonasera, sono Giorgio", `buonasera, sono ${name}`],
    ["Avv. Marco Tassinari", `Avv. ${name}`],
    ["mi chiamo lucia bernardi e vorrei sapere", `mi chiamo ${name} e vorrei sapere`],
    ["mia figlia si chiama Giulia e va a scuola", `mia figlia si chiama ${name} e va a scuola`],
    ["Richiedente: Mario Rossi\nOggetto: permesso", `Richiedente: ${name}\nOggetto: permesso`],
    ["Nome e cognome: Anna Maria De Luca", `Nome e cognome: ${name}`],
    ["Il sottoscritto Giovanni Verdi chiede il rimborso", `Il sottoscritto ${name} chiede il rimborso`],
    ["Grazie, Lucia Bernardi", `Grazie, ${name}`],
    ["A chi scrivo per la buca? Cordiali saluti, Giada Ferioli", `A chi scrivo per la buca? Cordiali saluti, ${name}`],
    ["who do I write to? Thanks, Sarah", `who do I write to? Thanks, ${name}`],
    ["Quando aprite?\nCordiali saluti\nGiada Ferioli", `Quando aprite?\nCordiali saluti\n${name}`],
    ["ho parlato con la signora Bernardi dell'URP", `ho parlato con la signora ${name} dell'URP`],
    ["il sig. rossi non risponde", `il sig. ${name} non risponde`],
    ["Marco Rossi ha perso la carta d'identità", `${name} ha perso la carta d'identità`],
    ["hi, I'm Sarah, who do I call?", `hi, I'm ${name}, who do I call?`],
    ["my name is John Smith and I need help", `my name is ${name} and I need help`],
    ["sono Rosa, la mamma di Luca", `sono ${name}, la mamma di ${name}`],
    ["CIAO SONO MARCO E HO PERSO IL PORTAFOGLIO", `CIAO SONO ${name} E HO PERSO IL PORTAFOGLIO`],
    // phone numbers
    ["chiamatemi al +39 333 1234567", `chiamatemi al ${phone}`],
    ["il mio numero è 3471234567 grazie", `il mio numero è ${phone} grazie`],
    ["ho provato lo 039 606761 ma non risponde", `ho provato lo ${phone} ma non risponde`],
    ["tel. 0516 123456", `tel. ${phone}`],
    ["cell 347-123-4567", `cell ${phone}`],
    ["dall'estero: +44 20 7946 0958", `dall'estero: ${phone}`],
    ["0039 333 1234567", phone],
    // e-mail, codice fiscale, IBAN
    ["scrivetemi a lucia.bernardi@gmail.com", `scrivetemi a ${email}`],
    ["il mio CF è RSSMRA80A01C469X", `il mio CF è ${taxCode}`],
    ["codice fiscale rssmra80a01c469x", `codice fiscale ${taxCode}`],
    ["rimborso su IT60X0542811101000000123456 grazie", `rimborso su ${iban} grazie`],
    ["IBAN IT60 X054 2811 1010 0000 0123 456 ciao", `IBAN ${iban} ciao`],
    // plates
    ["auto targata AB123CD in divieto", `auto targata ${plate} in divieto`],
    ["la macchina AB 123 CD è lì da giorni", `la macchina ${plate} è lì da giorni`],
    ["il motorino X3K7LM è abbandonato", `il motorino ${plate} è abbandonato`],
    ["targa: FE 123456", `targa: ${plate}`],
    // addresses
    ["abito in via Roma 12", `abito in ${address}`],
    ["buca davanti a viale Matteotti, 4", `buca davanti a ${address}`],
    ["buca in via Penzale all'altezza del civico 40, attenzione", `buca in ${address}, attenzione`],
    ["in piazza Guercino n. 39 c'è un lampione rotto", `in ${address} c'è un lampione rotto`],
    ["Corso Guercino 62/a", address],
    ["vicolo dei Mille 3b", address],
    ["abito in via di Mezzo 3", `abito in ${address}`],
    ["strada Provinciale 12", address],
    ["via F.lli Brasca, 5", address],
    ["scrivo via email da via Roma 12", `scrivo via email da ${address}`],
  ])("%j", (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
    expect(containsPersonalData(input)).toBe(true);
  });
});

describe("redactPersonalData removes the shapes that used to survive", () => {
  it.each([
    // phones: any kind of space, brackets, dots, international prefixes
    ["chiamatemi al 333\u00A01234567", `chiamatemi al ${phone}`],
    ["chiamatemi al 333\u202F123\u00A04567", `chiamatemi al ${phone}`],
    ["il numero è (051) 684-3111 grazie", `il numero è ${phone} grazie`],
    ["tel. 051/6843111", `tel. ${phone}`],
    ["cell. 347.123.4567", `cell. ${phone}`],
    ["+39 (0)51 684 3111", phone],
    ["0039 051 684 3111 ore pasti", `${phone} ore pasti`],
    ["333\u200B1234567", phone],
    // codice fiscale in pieces, in lower case, without its check letter
    ["CF RSS MRA 80A01 C469X grazie", `CF ${taxCode} grazie`],
    ["CF RSSMRA-80A01-C469X", `CF ${taxCode}`],
    ["cf rssmra80a01c469 ok", `cf ${taxCode} ok`],
    ["il mio CF è RSSMRA80A01C469", `il mio CF è ${taxCode}`],
    // IBAN with hyphens, or a bank code in letters
    ["IBAN IT60-X054-2811-1010-0000-0123-456 ciao", `IBAN ${iban} ciao`],
    ["IBAN GB29 NWBK 6016 1331 9268 19 thanks", `IBAN ${iban} thanks`],
    // e-mails with a full-width @ or spaces around it
    ["scrivete a mario.rossi＠gmail.com", `scrivete a ${email}`],
    ["scrivete a mario.rossi @ gmail.com per favore", `scrivete a ${email} per favore`],
    ["mario.rossi@ gmail.com", email],
    // names of any origin, in any case, surname first
    ["mi chiamo Xiaoming Li e abito qui", `mi chiamo ${name} e abito qui`],
    ["sono Xiaoming Li, ho un negozio", `sono ${name}, ho un negozio`],
    ["Xiaoming Li ha perso la carta d'identità", `${name} ha perso la carta d'identità`],
    ["ho parlato con Kwame Mensah dell'ufficio", `ho parlato con ${name} dell'ufficio`],
    ["sono giuseppe verdi, vorrei sapere", `sono ${name}, vorrei sapere`],
    ["giuseppe verdi ha chiamato", `${name} ha chiamato`],
    ["Mario rossi ha chiamato", `${name} ha chiamato`],
    ["Marco passa domani", `${name} passa domani`],
    ["sono andata con Marta al mercato", `sono andata con ${name} al mercato`],
    ["firmato ROSSI MARIO", `firmato ${name}`],
    ["Firmato rossi mario", `Firmato ${name}`],
    ["Buongiorno, allego il modulo firmato ROSSI MARIO", `Buongiorno, allego il modulo firmato ${name}`],
    ["Rossi Mario ha perso il portafoglio", `${name} ha perso il portafoglio`],
    ["cordiali saluti xiaoming li", `cordiali saluti ${name}`],
    ["Cordiali saluti Mario Bianchi", `Cordiali saluti ${name}`],
    ["Sig.ra Bianchi mi ha detto", `Sig.ra ${name} mi ha detto`],
    ["Dott. rossi ha detto", `Dott. ${name} ha detto`],
    ["I am Xiaoming Li", `I am ${name}`],
    ["signed John Smith", `signed ${name}`],
    ["mi chiamo Ma\u00ADrio Ros\u200Bsi", `mi chiamo ${name}`],
    // payment cards, checked with Luhn
    ["pago con 4111 1111 1111 1111 ok?", `pago con ${card} ok?`],
    ["carta 4111-1111-1111-1111", `carta ${card}`],
    ["amex 3782 822463 10005", `amex ${card}`],
    ["5555555555554444", card],
    // plates with spaces or hyphens
    ["la macchina AB 123 CD è lì", `la macchina ${plate} è lì`],
    ["la macchina ab-123-cd è lì", `la macchina ${plate} è lì`],
  ])("%j", (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
    expect(containsPersonalData(input)).toBe(true);
  });
});

describe("redactPersonalData leaves ordinary words alone", () => {
  it.each([
    "sono entrati i ladri in casa",
    "sono ipovedente, il sito è accessibile?",
    "SONO ENTRATI I LADRI IN CASA MENTRE ERAVAMO IN FERIE!!! hanno portato via tutto, a chi devo fare la denuncia???",
    "ci sono due buche in strada",
    "vi ho scritto via Messenger",
    "vi ho scritto via email 2 volte",
    "sono andati via da 3 giorni",
    "è andato via di corsa 2 volte",
    "siete aperti la domenica?",
    "Domenica siete aperti?",
    "quando sarà pronto il documento?",
    "la rosa dei venti",
    "sono serena, grazie mille",
    "Grazie mille, buona giornata",
    "grazie!",
    "chiamo il 112 o il 1522?",
    "il numero verde 800 375515",
    "l'ufficio apre alle 08.30-13.00",
    "la scadenza è il 03/11/2026",
    "costa 300.000 euro",
    "il CAP è 44042",
    "ho fatto 100 km",
    "ho letto il post del COVID19",
    "l'IMU2024 è da pagare?",
    "Festa di San Giovanni in piazza",
    "la chiesa di Santa Lucia",
    "vivo in Emilia-Romagna",
    "I'm Italian and live in Cento",
    "what are the page hours?",
    "posso pubblicare foto del Comune di Cento?",
    "Buongiorno, Sono arrabbiato perché l'ufficio Tributi di Cento non risponde da marzo",
    "vado in via Roma domani, Ufficio Anagrafe chiuso a Natale",
    "Polizia Locale e Protezione Civile sono intervenute",
    "abito a Castel Maggiore",
    "L'Ufficio Tecnico mi ha chiesto una planimetria",
    "allego il PDF firmato digitalmente",
    "I'm attaching the signed form",
    "la pratica 1234 5678 9012 3456 è ferma",
    "ci vediamo @ 5 in piazza",
    "ho fatto 100 km da 3 giorni",
    "l'ufficio apre alle 08.30 \u2013 13.00",
    "aiuto",
    "",
  ])("%j", (input) => {
    // What the redactor gives back is the normalised text: "–" is typed "-".
    expect(redactPersonalData(input)).toBe(normalizeText(input));
    expect(containsPersonalData(input)).toBe(false);
  });
});

describe("redactPersonalData on any text", () => {
  it("never throws and is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const once = redactPersonalData(text);
        expect(redactPersonalData(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it("stays fast on long adversarial input", () => {
    const text = `${"via ".repeat(2000)}${"3".repeat(2000)} ${"Mario ".repeat(2000)}`;
    expect(redactPersonalData(text)).toContain(name);
  });
});

describe("redactForLog", () => {
  it("redacts and trims a message, keeping at most the characters asked for", () => {
    expect(redactForLog("  mi chiamo Marco Rossi, chiamatemi al 333 1234567  ", 500)).toBe(`mi chiamo ${name}, chiamatemi al ${phone}`);
    expect(redactForLog("mi chiamo Marco Rossi, chiamatemi al 333 1234567", 14)).toBe(`mi chiamo ${name.slice(0, 4)}`);
  });

  it("reads only the start of a long message, and never keeps a number the end of that start cut in two", () => {
    for (const filler of ["parola ", "mario.rossi@gmail.com ", "Xiaoming Li "]) {
      for (let length = 3_500; length < 4_300; length += 7) {
        const text = `${filler.repeat(Math.ceil(length / filler.length)).slice(0, length)} 333 123 4567 ${"a".repeat(200_000)}`;
        const kept = redactForLog(text, 500);
        expect(kept.length).toBeLessThanOrEqual(500);
        expect(kept).not.toMatch(/\d/);
      }
    }
  });
});

describe("containsPersonalData says whether redacting the start of the text would change it", () => {
  // It normalises and tokenizes once and stops at the first kind of data found: the same answer as redacting.
  const pieces = [
    "buongiorno", "sono", "Mario", "Rossi", "mario.rossi@gmail.com", "333 123 4567", "(051) 684-3111", "RSSMRA80A01C469X", "via Roma 12",
    "IT60 X054 2811 1010 0000 0123 456", "4111 1111 1111 1111", "AB 123 CD", "firmato", "ROSSI", "giuseppe", "verdi", "ufficio", "orari", "[nome]",
    "grazie", ",", ".", "\n", "\u00A0", "ru\u200Bbato", "Xiaoming", "Li", "dott.", "Bianchi", "12", "sig.", "a", "il",
  ];
  it("gives the same answer as comparing the redacted start with the normalised start", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 25 }), fc.constantFrom(" ", "", "  "), (words, space) => {
        const text = words.join(space);
        const start = text.slice(0, 4_000);
        expect(containsPersonalData(text)).toBe(redactPersonalData(start) !== normalizeText(start));
      }),
      { numRuns: 1_000 },
    );
  });
});
