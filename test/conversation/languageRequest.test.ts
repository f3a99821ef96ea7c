import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { languageRequestOf, requestedIn } from "../../src/conversation/languageRequest.js";
import { buildLexicon, commandOf, type Lexicon } from "../../src/text/lexicon.js";
import type { Language } from "../../src/text/stemWord.js";
import { realBundle } from "../support/realKnowledge.js";
import { seen, testBot, turn } from "../support/testBot.js";

/*
 * These wordings were written AFTER the detector (src/conversation/languageRequest.ts) and its
 * vocabulary (knowledge/lexicon.yaml, languageRequests), on purpose from other angles than the
 * examples it was designed on ("in inglese please", "parli inglese?", "switch to english", ...):
 * formal Lei forms, foreign speakers' Italian, other languages' words, shorthand and shouting,
 * "my Italian is not good", people naming their own nationality, going back to a language, and
 * questions that merely mention a language. Those marked `expectedToFailWhenWritten` were expected
 * to be missed when written. Each batch was scored once as written, then the vocabulary and the
 * rules were fixed where a fix was general:
 *   batch 1 (68):  55/68 (80.9%) as written — to English 17/25, to Italian 20/25, no request 18/18
 *   batch 2 (54):  42/54 (77.8%) as written — to English 15/22, to Italian 15/20, no request 12/12
 *   batch 3 (23):  17/23 (73.9%) as written — to English 7/12, to Italian 5/6, no request 5/5
 *   all, after the fixes: 143/145 (98.6%); still missed: "yo english?", "I'm from London, English?"
 * So on wordings it had not seen, the detector switched about 72% of real requests (79/110) and
 * stole none of the 35 questions that only mention a language.
 */
interface Wording {
  readonly text: string;
  /** the language the bot must switch to, or null when the message is not a language request */
  readonly wanted: Language | null;
  /** the author expected the detector to miss it when the wording was written */
  readonly expectedToFailWhenWritten?: true;
}

const TO_ENGLISH: Wording[] = [
  { text: "english pls", wanted: "en" },
  { text: "ENGLISH PLEASE!!!", wanted: "en" },
  { text: "eng pls", wanted: "en" },
  { text: "english??", wanted: "en" },
  { text: "Sorry, I don't understand Italian", wanted: "en" },
  { text: "Could we continue in English?", wanted: "en" },
  { text: "Can I write in English?", wanted: "en" },
  { text: "Hello, do you understand English?", wanted: "en" },
  { text: "answer me in english", wanted: "en" },
  { text: "rispondimi in inglese", wanted: "en" },
  { text: "parliamo in inglese?", wanted: "en" },
  { text: "mi scrivi in inglese?", wanted: "en" },
  { text: "sono inglese, non parlo italiano", wanted: "en" },
  { text: "I'm English, no Italian sorry", wanted: "en" },
  { text: "english 🙏", wanted: "en" },
  { text: "Potrebbe rispondermi in inglese?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "Sarebbe possibile avere le risposte in inglese?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "I can't read Italian", wanted: "en", expectedToFailWhenWritten: true },
  { text: "my italian is not good, english please", wanted: "en", expectedToFailWhenWritten: true },
  { text: "Is it possible to chat in English?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "inglish plz", wanted: "en" },
  { text: "can u talk english", wanted: "en" },
  { text: "in inglés por favor", wanted: "en", expectedToFailWhenWritten: true },
  { text: "Do you speak any English?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "Non parlo bene l'italiano, possiamo usare l'inglese?", wanted: "en" },
];

const TO_ITALIAN: Wording[] = [
  { text: "torna all'italiano", wanted: "it", expectedToFailWhenWritten: true },
  { text: "back to Italian please", wanted: "it" },
  { text: "Italian again please", wanted: "it" },
  { text: "ora in italiano", wanted: "it" },
  { text: "può scrivere in italiano?", wanted: "it" },
  { text: "non sono inglese, scrivi in italiano", wanted: "it" },
  { text: "italiano grazie", wanted: "it" },
  { text: "ok in italiano allora", wanted: "it" },
  { text: "ITALIANO!!", wanted: "it" },
  { text: "Italiano pls", wanted: "it" },
  { text: "parla itagliano?", wanted: "it" },
  { text: "sai parlare italiano?", wanted: "it" },
  { text: "in italian pls", wanted: "it" },
  { text: "can u write in italian", wanted: "it" },
  { text: "Non capisco niente, puoi scrivere in italiano?", wanted: "it", expectedToFailWhenWritten: true },
  { text: "Potresti usare l'italiano?", wanted: "it" },
  { text: "Preferirei l'italiano", wanted: "it" },
  { text: "Scrivimi in italiano per cortesia", wanted: "it" },
  { text: "I don't speak English well, Italian please", wanted: "it" },
  { text: "Mi risponda in italiano, grazie", wanted: "it" },
  { text: "non so l'inglese", wanted: "it" },
  { text: "italianoo per favore", wanted: "it" },
  { text: "Parlez-vous italien?", wanted: "it", expectedToFailWhenWritten: true },
  { text: "l'inglese non lo capisco", wanted: "it", expectedToFailWhenWritten: true },
  { text: "scusate ma in italiano?", wanted: "it" },
];

const NOT_A_REQUEST: Wording[] = [
  { text: "c'è la LIS o una versione in inglese della policy?", wanted: null },
  { text: "la policy è disponibile in inglese?", wanted: null },
  { text: "avete pubblicato post in inglese?", wanted: null },
  { text: "I'm an English tourist, where do I report a lost wallet?", wanted: null },
  { text: "Is the town hall website available in English?", wanted: null },
  { text: "posso commentare in inglese sulla pagina?", wanted: null },
  { text: "my neighbour only speaks English and needs help", wanted: null },
  { text: "il corso di inglese della biblioteca", wanted: null },
  { text: "English translation of the comment rules?", wanted: null },
  { text: "scuola di italiano per stranieri", wanted: null },
  { text: "Do you have the accessibility statement in English?", wanted: null },
  { text: "parla l'italiano come si deve!!", wanted: null },
  { text: "mio figlio parla solo inglese, può iscriversi?", wanted: null },
  { text: "in inglese come si dice comune?", wanted: null },
  { text: "l'inglese è obbligatorio al concorso?", wanted: null },
  { text: "italiani residenti all'estero", wanted: null },
  { text: "the English page of the comune", wanted: null },
  { text: "mi hanno rubato il portafoglio, sono un turista inglese", wanted: null },
];

/* A second batch, written after the fixes to the first one, so that the rate is not only measured on wordings the fixes saw. */
const SECOND_BATCH: Wording[] = [
  { text: "Hi! English?", wanted: "en" },
  { text: "Can you please reply in English", wanted: "en" },
  { text: "Excuse me, do you have English?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "English language please", wanted: "en" },
  { text: "I need English", wanted: "en" },
  { text: "English only please, thanks", wanted: "en" },
  { text: "Speak English pls", wanted: "en" },
  { text: "Is English ok?", wanted: "en" },
  { text: "I would prefer English if possible", wanted: "en", expectedToFailWhenWritten: true },
  { text: "puoi passare all'inglese?", wanted: "en" },
  { text: "rispondi in inglese x favore", wanted: "en" },
  { text: "scrivi in english", wanted: "en" },
  { text: "in ingelse grazie", wanted: "en" },
  { text: "Could you write to me in English, I'm a foreigner", wanted: "en", expectedToFailWhenWritten: true },
  { text: "help in english", wanted: "en", expectedToFailWhenWritten: true },
  { text: "englis?", wanted: "en" },
  { text: "Anyone speak English here?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "I am not Italian, English please", wanted: "en" },
  { text: "parla inglese qualcuno?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "non ho capito, puoi ripetere in inglese?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "In English, please.", wanted: "en" },
  { text: "english plz thx", wanted: "en" },
  { text: "in italiano, per piacere", wanted: "it" },
  { text: "rispondimi in italiano!", wanted: "it" },
  { text: "parlami in italiano", wanted: "it" },
  { text: "ma non parli italiano?", wanted: "it", expectedToFailWhenWritten: true },
  { text: "Can we speak Italian?", wanted: "it" },
  { text: "Italian please, my English is bad", wanted: "it", expectedToFailWhenWritten: true },
  { text: "voglio l'italiano", wanted: "it" },
  { text: "scrivete in italiano per favore", wanted: "it" },
  { text: "perché mi rispondi in inglese? italiano!", wanted: "it", expectedToFailWhenWritten: true },
  { text: "in lingua italiana grazie", wanted: "it" },
  { text: "italiano x favore", wanted: "it" },
  { text: "ritorna in italiano", wanted: "it", expectedToFailWhenWritten: true },
  { text: "di nuovo in italiano per favore", wanted: "it" },
  { text: "I prefer Italian", wanted: "it" },
  { text: "Italiano va bene", wanted: "it" },
  { text: "Italian is fine", wanted: "it", expectedToFailWhenWritten: true },
  { text: "itlaiano", wanted: "it" },
  { text: "basta inglese, italiano", wanted: "it" },
  { text: "non sono inglese", wanted: "it" },
  { text: "parli l'italiano?", wanted: "it" },
  { text: "Do you have an English version of the social media policy?", wanted: null },
  { text: "la pagina facebook del comune è anche in inglese?", wanted: null },
  { text: "avete materiale informativo in inglese per i turisti?", wanted: null },
  { text: "who translates your posts into English?", wanted: null },
  { text: "English speaking doctor in Cento?", wanted: null },
  { text: "sono inglese e mi hanno rubato la bici", wanted: null },
  { text: "my English teacher posted on your page", wanted: null },
  { text: "posso scrivere un commento in inglese?", wanted: null },
  { text: "in italiano si dice segnalazione?", wanted: null },
  { text: "il modulo in inglese dove lo trovo?", wanted: null },
  { text: "Italian lessons for foreigners", wanted: null },
  { text: "la biblioteca ha libri in inglese?", wanted: null },
];

/* A third batch, written after the fixes to the second one: voice typing, emoji, very short, formal. */
const THIRD_BATCH: Wording[] = [
  { text: "english pleaseee", wanted: "en" },
  { text: "pls english 🙏🙏", wanted: "en" },
  { text: "Hello can you answer in english? thank you", wanted: "en" },
  { text: "Would it be possible to continue in English?", wanted: "en" },
  { text: "english would be better", wanted: "en" },
  { text: "I speak only English sorry", wanted: "en" },
  { text: "yo english?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "Sorry my Italian is very poor", wanted: "en", expectedToFailWhenWritten: true },
  { text: "englsih please", wanted: "en" },
  { text: "inglese x piacere", wanted: "en" },
  { text: "mi puoi scrivere in inglese che non capisco?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "I'm from London, English?", wanted: "en", expectedToFailWhenWritten: true },
  { text: "Buongiorno, può rispondere in italiano?", wanted: "it" },
  { text: "solo italiano", wanted: "it" },
  { text: "ITALIANO GRAZIE", wanted: "it" },
  { text: "in italiano plz", wanted: "it" },
  { text: "mi scrivi in italiano che l'inglese non lo so?", wanted: "it", expectedToFailWhenWritten: true },
  { text: "vorrei continuare in italiano", wanted: "it" },
  { text: "il sito ha la versione inglese?", wanted: null },
  { text: "cerco un corso di italiano per mia moglie", wanted: null },
  { text: "avete un numero per stranieri che parlano inglese?", wanted: null },
  { text: "do you post in English on Instagram?", wanted: null },
  { text: "parlate anche inglese allo sportello?", wanted: null },
];

const ALL = [...TO_ENGLISH, ...TO_ITALIAN, ...NOT_A_REQUEST, ...SECOND_BATCH, ...THIRD_BATCH];

/** What the bot did with one message, in a fresh conversation in the other language. */
async function switchedTo(wording: Wording): Promise<Language | null> {
  // Asking for English starts in Italian and the reverse, so that a switch is a real change.
  const startsIn = wording.wanted === "it" ? "en-GB" : "it-IT";
  const { adapter } = testBot("cento", startsIn);
  const reply = seen(await turn(adapter, { type: "message", text: wording.text }));
  const { composer } = realBundle("cento");
  if (reply.includes(composer.t("en", "languageSwitched"))) return "en";
  if (reply.includes(composer.t("it", "languageSwitched"))) return "it";
  return null;
}

/** The tester's wordings and the brief's examples: the detector was designed on these, so they are not in the rate. */
const DESIGNED_ON: Array<[string, Language | null]> = [
  ["in inglese please", "en"],
  ["in inglese per favore", "en"],
  ["in english please", "en"],
  ["parli inglese?", "en"],
  ["can you speak english?", "en"],
  ["in italiano per favore", "it"],
  ["inglesee", "en"],
  ["englsh", "en"],
  ["parla italiano?", "it"],
  ["do you speak English", "en"],
  ["puoi rispondermi in inglese?", "en"],
  ["switch to english", "en"],
  ["non capisco l'inglese, in italiano grazie", "it"],
  ["c'è la LIS o una versione in inglese della policy?", null],
];

describe("the wordings the tester reported", () => {
  it.each(DESIGNED_ON)("%s -> %s", async (text, wanted) => {
    expect(await switchedTo({ text, wanted })).toBe(wanted);
  });

  it("answers the policy question that mentions English as a policy question", async () => {
    const { adapter, outcomes } = testBot("cento", "it-IT");
    await turn(adapter, { type: "message", text: "c'è la LIS o una versione in inglese della policy?" });
    expect(outcomes.at(-1)?.topic).toMatch(/^policy\./);
  });
});

describe("a citizen asks for a language in their own words", () => {
  it("has at least 20 wordings each way and some that are no request", () => {
    expect(TO_ENGLISH.length).toBeGreaterThanOrEqual(20);
    expect(TO_ITALIAN.length).toBeGreaterThanOrEqual(20);
    expect(NOT_A_REQUEST.length).toBeGreaterThanOrEqual(15);
  });

  it("answers at least 95% of them right, and never steals a question that only mentions a language", async () => {
    const wrong: string[] = [];
    for (const wording of ALL) {
      const got = await switchedTo(wording);
      if (got !== wording.wanted) wrong.push(`${JSON.stringify(wording.text)}: wanted ${wording.wanted}, got ${got}${wording.expectedToFailWhenWritten ? " (expected to fail when written)" : ""}`);
      if (wording.wanted === null) expect(got, wording.text).toBeNull();
    }
    const rate = (ALL.length - wrong.length) / ALL.length;
    console.info(`language requests: ${ALL.length - wrong.length}/${ALL.length} right (${(rate * 100).toFixed(1)}%)\n${wrong.join("\n")}`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it("keeps the chosen language for the next question", async () => {
    const { adapter } = testBot("mezzago", "it-IT");
    await turn(adapter, { type: "message", text: "scusa, parli inglese?" });
    expect(seen(await turn(adapter, { type: "message", text: "a che ora rispondete sulla pagina?" }))).toMatch(/Monday to Saturday/);
    await turn(adapter, { type: "message", text: "non capisco l'inglese, in italiano grazie" });
    expect(seen(await turn(adapter, { type: "message", text: "what time do you answer on the page?" }))).toMatch(/dal lunedì al sabato/);
  });
});

describe("languageRequestOf reads a message that names no language once, whole", () => {
  // What it answered when it read every message clause by clause: the command, else the clauses.
  const byClauses = (text: string, lexicon: Lexicon): Language | undefined => {
    const command = commandOf(text, lexicon);
    if (command) return command === "italian" ? "it" : command === "english" ? "en" : undefined;
    return text.length > 200 ? undefined : requestedIn(text.replace(/(\p{L})\1{2,}/gu, "$1"), lexicon);
  };
  const messages = (lexicon: Lexicon, extra: readonly string[]) => {
    const request = lexicon.languageRequests;
    const vocabulary = [...request.names.keys(), ...request.words, ...request.negations, ...request.refusals, ...request.clauseBreaks, ...request.otherSubjects];
    const word = fc.oneof(
      fc.constantFrom(...vocabulary, ...extra, ...lexicon.synonymPhrases.flatMap(([phrase]) => [phrase, ...phrase.split(" ")]), ...lexicon.shorthand.keys()),
      fc.constantFrom("inglesee", "englsh", "italiaano", "ENGLISH", "Inglese", "italianoooo", "plz", "bici", "ufficio", "anagrafe"),
    );
    const gap = fc.constantFrom(" ", " ", " ", ", ", ". ", "? ", "! ", "\n", " (", ") ", "; ");
    return fc.array(fc.tuple(word, gap), { maxLength: 14 }).map((pairs) => pairs.map(([w, g]) => w + g).join(""));
  };

  it("answers as the clause-by-clause reading on the shipped lexicon", () => {
    const { lexicon } = realBundle("cento").knowledge;
    fc.assert(
      fc.property(messages(lexicon, []), (text) => {
        expect(languageRequestOf(text, lexicon)).toBe(byClauses(text, lexicon));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads clause by clause when a synonym phrase holds a language's name, which a clause break may cut", () => {
    const lexicon = buildLexicon({
      shorthand: { eng: "english" },
      stopwords: { it: [], en: [] },
      markers: { it: [], en: [] },
      synonyms: [["parlata", "lingua inglese"]],
      commands: { menu: ["menu"], italian: ["in italiano"], english: ["in inglese"] },
      hypothetical: { it: [], en: [] },
      followUps: { phone: ["numero"], email: ["mail"], address: ["indirizzo"], website: ["sito"] },
      languageRequests: { names: { it: ["italiano"], en: ["inglese", "english"] }, words: ["per", "favore", "lingua", "please"], negations: ["non"], refusals: ["no"], clauseBreaks: ["che"], addressee: [], asks: [] },
      accountWords: [],
    });
    // Whole, "lingua inglese" is one word that names nothing; cut by the comma, "inglese" is a request.
    expect(languageRequestOf("lingua, inglese per favore", lexicon)).toBe("en");
    fc.assert(
      fc.property(messages(lexicon, ["lingua inglese", "parlata"]), (text) => {
        expect(languageRequestOf(text, lexicon)).toBe(byClauses(text, lexicon));
      }),
      { numRuns: 1000 },
    );
  });
});
