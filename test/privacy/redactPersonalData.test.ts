import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PLACEHOLDERS, containsPersonalData, redactPersonalData } from "../../src/privacy/redactPersonalData.js";

const { name, phone, email, taxCode, iban, plate, address } = PLACEHOLDERS;

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
    "aiuto",
    "",
  ])("%j", (input) => {
    expect(redactPersonalData(input)).toBe(input);
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
