import { describe, expect, it } from "vitest";
import { foreignFacts, ownContacts } from "./support/comuneFacts.js";
import { COMUNI, realBundle } from "./support/realKnowledge.js";
import { seen, testBot, turn } from "./support/testBot.js";

const RECEIVED = /(abbiamo ricevuto|richiesta ricevuta|domanda ricevuta|segnalazione ricevuta|notifica ricevuta|received your|has been received)/i;

type Case = [topic: string, locale: "it" | "en", text: string, must: RegExp];

const CASES: Case[] = [
  ["redirect.emergency", "it", "aiutatemi sta bruciando il garage del vicino e c'è gente dentro", /112/],
  ["redirect.emergency", "en", "there is a fire in the house next door and people are inside", /112/],
  ["redirect.crime", "it", "mi hanno rubato la borsa in piazza, dove faccio la denuncia?", /Carabinieri|Polizia/],
  ["redirect.crime", "en", "my bike was stolen from the station, I want to report the theft", /Carabinieri|police/i],
  ["redirect.notice", "it", "con questo messaggio diffido formalmente il comune, valga come notifica", /valore/],
  ["redirect.notice", "en", "please treat this message as my formal notice of objection", /legal/i],
  ["redirect.application", "it", "vi mando qui il modulo compilato per l'iscrizione al nido", /domand|modul|istanz/i],
  ["redirect.application", "en", "can I submit my application form through this chat?", /application/i],
  ["redirect.report", "it", "c'è una buca pericolosa davanti alla scuola elementare", /segnal/i],
  ["redirect.report", "en", "the streetlight in my road has been broken for days", /report/i],
  ["redirect.info", "it", "quanto costa rifare la carta d'identità all'anagrafe?", /ufficio|uffici|sito|URP/i],
  ["redirect.info", "en", "when is the waste collection calendar published?", /office|website|URP/i],
  ["redirect.human", "it", "voglio parlare con un operatore in carne e ossa", /13/],
  ["redirect.human", "en", "I want to talk to a real person please", /1(:00)? ?pm|13/],
];

describe.each(COMUNI)("redirects for %s", (comune) => {
  /** Facts the comune's replies may carry, and those of the other comuni, which they must never carry. */
  const contacts = ownContacts(realBundle(comune).knowledge.profile);
  const forbidden = foreignFacts(comune);

  it.each(CASES)("%s (%s): %s", async (topic, locale, text, must) => {
    const { adapter, outcomes } = testBot(comune, locale === "it" ? "it-IT" : "en-US");
    const reply = seen(await turn(adapter, text));
    expect(outcomes.at(-1)?.topic).toBe(topic);
    expect(reply).toMatch(must);
    if (topic !== "redirect.emergency" && topic !== "redirect.crime") {
      expect(contacts.some((fact) => reply.includes(fact)), reply).toBe(true);
    }
    for (const fact of forbidden) expect(reply).not.toContain(fact);
    expect(reply).not.toMatch(RECEIVED);
    if (topic === "redirect.emergency") expect(reply.split(/[.!]/)[0]).toContain("112");
  });

  it("adds the 1522 anti-violence number when a person is at risk of violence", async () => {
    const { adapter } = testBot(comune);
    const reply = seen(await turn(adapter, "mio marito mi picchia e adesso mi sta minacciando, ho paura"));
    expect(reply.split(/[.!]/)[0]).toContain("112");
    expect(reply).toContain("1522");
  });
});

/** The only answers that may give the anti-violence line: violence and stalking. */
const VIOLENCE_ENTRIES = new Set(["crime-violence", "emergency-violence"]);

describe.each(COMUNI)("what %s says where 1522 does not belong, and to a menu tap", (comune) => {
  it.each(["it", "en"] as const)("gives 1522 only in the violence and stalking answers (%s)", (language) => {
    const { composer, knowledge } = realBundle(comune);
    const with1522 = knowledge.entries.filter((e) => composer.answer(e, language).text.includes("1522")).map((e) => e.id);
    expect(with1522.sort()).toEqual([...VIOLENCE_ENTRIES].sort());
  });

  it.each([
    ["it-IT", "c'è un incendio in un capannone, esce fumo nero"],
    ["en-GB", "there is a fire in the warehouse next to my house"],
  ])("answers a fire with 112 and no 1522 (%s)", async (locale, text) => {
    const { adapter, outcomes } = testBot(comune, locale);
    const reply = seen(await turn(adapter, { type: "message", text }));
    expect(outcomes.at(-1)?.topic).toBe("redirect.emergency");
    expect(reply.split(/[.!]/)[0]).toContain("112");
    expect(reply).not.toContain("1522");
  });

  it.each([
    ["it-IT", "Segnala un problema", /^Di che problema si tratta\?/],
    ["en-GB", "Report a problem", /^What is the problem\?/],
  ])("answers the menu label %s / %s by asking what the problem is", async (locale, label, opening) => {
    const { adapter, outcomes } = testBot(comune, locale);
    const [reply] = await turn(adapter, { type: "message", text: label });
    const answer = reply!.text!.split("\n\n").slice(1).join("\n\n");
    expect(outcomes.at(-1)?.topic).toBe("redirect.report");
    expect(answer).toMatch(opening);
    expect(reply!.text).not.toMatch(/Capisco il problema|I understand the problem/);
  });

  it("answers a described problem without asking what it is", async () => {
    const { adapter, outcomes } = testBot(comune);
    const reply = seen(await turn(adapter, { type: "message", text: "c'è una buca enorme davanti alla scuola, qualcuno si farà male" }));
    expect(outcomes.at(-1)?.topic).toBe("redirect.report");
    expect(reply).not.toContain("Di che problema si tratta");
  });
});

describe("a question about an office Mezzago does not have", () => {
  it("names the office to ask", async () => {
    const { adapter, outcomes } = testBot("mezzago");
    const reply = seen(await turn(adapter, { type: "message", text: "qual'è l'orario dell'uficio relazzioni con il publico" }));
    expect(outcomes.at(-1)?.topic).toBe("redirect.info");
    expect(reply).toMatch(/Ufficio Segreteria.*segreteria@comune\.mezzago\.mb\.it/s);
    expect(reply).not.toMatch(/URP|800 375 515/);
  });
});
