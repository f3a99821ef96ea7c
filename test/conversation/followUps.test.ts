import { describe, expect, it } from "vitest";
import { COMUNI } from "../support/realKnowledge.js";
import { seen, testBot, turn } from "../support/testBot.js";

type Comune = "cento" | "mezzago";

/**
 * A question, then a short follow-up on its answer, in the chat's Italian locale: the language of
 * the reply comes from the follow-up itself. `must` is what the follow-up's reply says.
 */
const AFTER_AN_ANSWER: Array<[Comune, string, string, RegExp]> = [
  ["cento", "what are the office hours of the URP?", "and the phone number?", /The number is 800 375 515\./],
  ["cento", "what are the office hours of the URP?", "and the email?", /The e-mail address is urp@comune\.cento\.fe\.it\./],
  ["cento", "what are the office hours of the URP?", "what's the website?", /The website is https:\/\/www\.comune\.cento\.fe\.it\./],
  ["cento", "I want to report a pothole in my street", "and the e-mail address?", /urp@comune\.cento\.fe\.it/],
  ["cento", "voglio fare una segnalazione di una buca", "e la mail?", /L'indirizzo e-mail è urp@comune\.cento\.fe\.it\./],
  ["cento", "voglio fare una segnalazione di una buca", "mi dai il numero per favore?", /Il numero è 800 375 515\./],
  ["mezzago", "who runs your social media pages?", "where is it?", /The address is Via F\.lli Brasca, 5/],
  ["mezzago", "can I send my application form here?", "and the phone number?", /The number is 039 606761\./],
  ["mezzago", "chi gestisce la pagina del comune?", "dove si trova?", /L'indirizzo è Via F\.lli Brasca, 5/],
  ["mezzago", "chi gestisce la pagina del comune?", "e la mail?", /segreteria@comune\.mezzago\.mb\.it/],
  ["mezzago", "what time is the page monitored?", "what's the website?", /no such detail.*Secretariat Office.*segreteria@comune\.mezzago\.mb\.it/s],
];

/** "What's your phone number?" with nothing answered yet: the profile's contact office, all its contacts. */
const ASKED_OF_THE_COMUNE: Array<[Comune, string, RegExp]> = [
  ["cento", "what's your phone number?", /To contact the Comune di Cento: URP \(Public Relations Office\), freephone 800 375 515, email urp@comune\.cento\.fe\.it\./],
  ["cento", "qual è il vostro numero?", /Per contattare il Comune di Cento: URP \(Ufficio Relazioni con il Pubblico\), numero verde 800 375 515, e-mail urp@comune\.cento\.fe\.it\./],
  ["cento", "e la mail?", /Per contattare il Comune di Cento: URP/],
  ["mezzago", "what's your phone number?", /To contact the Comune di Mezzago: Secretariat Office \(Ufficio Segreteria\), phone 039 606761, email segreteria@comune\.mezzago\.mb\.it, Via F\.lli Brasca, 5/],
  ["mezzago", "qual è il vostro numero?", /Per contattare il Comune di Mezzago: Ufficio Segreteria, telefono 039 606761, e-mail segreteria@comune\.mezzago\.mb\.it/],
  ["mezzago", "scusi, mi può dare il numero del comune?", /Per contattare il Comune di Mezzago: Ufficio Segreteria, telefono 039 606761/],
  ["mezzago", "what's your website?", /Secretariat Office/],
];

describe("a short follow-up on the last answer", () => {
  it.each(AFTER_AN_ANSWER)("%s: after %j, %j", async (comune, first, followUp, must) => {
    const { adapter, outcomes } = testBot(comune);
    await turn(adapter, { type: "message", text: first });
    const topic = outcomes.at(-1)?.topic;
    const reply = seen(await turn(adapter, { type: "message", text: followUp }));
    expect(reply).toMatch(must);
    expect(outcomes.at(-1)?.topic).toBe(topic);
  });
});

describe("a contact asked of the comune itself", () => {
  it.each(ASKED_OF_THE_COMUNE)("%s: %j", async (comune, text, must) => {
    const { adapter, outcomes } = testBot(comune);
    const reply = seen(await turn(adapter, { type: "message", text }));
    expect(reply).toMatch(must);
    expect(outcomes.at(-1)?.topic).toBe("policy.contacts");
  });

  it("gives the comune's contacts, not 112, when asked right after a crime answer", async () => {
    const { adapter } = testBot("cento");
    await turn(adapter, { type: "message", text: "ieri mi hanno rubato la bici dal cortile" });
    const reply = seen(await turn(adapter, { type: "message", text: "what's your phone number?" }));
    expect(reply).toMatch(/freephone 800 375 515/);
    expect(reply).not.toMatch(/112/);
  });
});

describe("a follow-up on a crime answer", () => {
  it.each([
    ["cento", "it-IT", "ieri mi hanno rubato la bici dal cortile", "e il numero?", /si denuncia di persona: vai alla Polizia Locale o ai Carabinieri.*presenta denuncia.*Il 112 è per quello che sta succedendo adesso/s],
    ["mezzago", "it-IT", "ieri mi hanno rubato la bici dal cortile", "e il numero?", /si denuncia di persona: vai ai Carabinieri o alla Polizia Locale.*presenta denuncia.*Il 112 è per quello che sta succedendo adesso/s],
    ["cento", "en-GB", "my wallet was stolen yesterday at the market", "and the phone number?", /reported in person: go to the Local Police \(Polizia Locale\) or the Carabinieri.*112 is for what is happening right now/s],
    ["mezzago", "it-IT", "mi hanno truffato al telefono la settimana scorsa", "dove devo andare?", /Carabinieri o alla Polizia Locale/],
  ] as const)("%s (%s): after %j, %j gives the guidance, not only 112", async (comune, locale, first, followUp, must) => {
    const { adapter, outcomes } = testBot(comune, locale);
    await turn(adapter, { type: "message", text: first });
    expect(outcomes.at(-1)?.topic).toBe("redirect.crime");
    const reply = seen(await turn(adapter, { type: "message", text: followUp }));
    expect(reply).toMatch(must);
    expect(reply).not.toMatch(/^(Il numero è|The number is) 112/m);
  });

  it.each(COMUNI)("%s: after violence, 'e il numero?' gives 1522 and 112", async (comune) => {
    const { adapter, outcomes } = testBot(comune);
    await turn(adapter, { type: "message", text: "il mio ex mi perseguita da mesi, ho paura" });
    expect(outcomes.at(-1)?.entry).toBe("crime-violence");
    const reply = seen(await turn(adapter, { type: "message", text: "e il numero?" }));
    expect(reply).toMatch(/antiviolenza e stalking è il 1522/);
    expect(reply).toMatch(/112/);
  });
});
