import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/conversation/officeHours.js";
import { seen, testBot, turn } from "../support/testBot.js";

function botAt(comune: "cento" | "mezzago", now: string, locale = "it-IT") {
  return testBot(comune, locale, { clock: fixedClock(new Date(now)) }).adapter;
}

describe("answers that know the clock", () => {
  it.each([
    ["cento", "2026-11-24T10:00:00+01:00", "voglio parlare con una persona", /presidiati, fino alle 13:00/],
    ["cento", "2026-11-24T16:00:00+01:00", "voglio parlare con una persona", /non sono presidiati: riapriamo domani alle 9:00/],
    ["cento", "2026-11-28T10:00:00+01:00", "a che ora rispondete sulla pagina?", /riapriamo lunedì 30 novembre alle 9:00/],
    ["mezzago", "2026-11-28T10:00:00+01:00", "a che ora rispondete sulla pagina?", /presidiati, fino alle 13:00/],
    ["mezzago", "2026-12-08T10:00:00+01:00", "c'è un operatore?", /riapriamo domani alle 8:00/],
  ] as const)("%s at %s: %s", async (comune, now, text, expected) => {
    const reply = seen(await turn(botAt(comune, now), text));
    expect(reply).toMatch(expected);
    expect(reply).toMatch(comune === "cento" ? /lunedì al venerdì/ : /lunedì al sabato/);
  });

  it("says it in English on Christmas Eve afternoon", async () => {
    const reply = seen(await turn(botAt("mezzago", "2026-12-24T15:00:00+01:00", "en-GB"), "can I talk to a real person please?"));
    expect(reply).toMatch(/Monday to Saturday/);
    expect(reply).toMatch(/back on Monday 28 December at 8:00/);
  });
});

describe("follow-ups on the last answer", () => {
  it.each([
    ["cento", "voglio fare una segnalazione di una buca", "e il numero?", /800 375 515/],
    ["cento", "voglio fare una segnalazione di una buca", "e la mail?", /urp@comune\.cento\.fe\.it/],
    ["mezzago", "chi gestisce la pagina del comune?", "dove si trova?", /Via F\.lli Brasca, 5/],
    ["mezzago", "chi gestisce la pagina del comune?", "e il numero?", /039 606761/],
  ] as const)("%s: after %j, %j gives the fact", async (comune, first, followUp, expected) => {
    const adapter = botAt(comune, "2026-11-24T10:00:00+01:00");
    await turn(adapter, first);
    const reply = seen(await turn(adapter, followUp));
    expect(reply).toMatch(expected);
  });

  it("answers 'and the e-mail?' in English", async () => {
    const adapter = botAt("cento", "2026-11-24T10:00:00+01:00", "en-US");
    await turn(adapter, "who runs your social media pages?");
    expect(seen(await turn(adapter, "and the e-mail?"))).toMatch(/e-mail address is comunicazione@comune\.cento\.fe\.it/);
  });
});

describe("is this page official?", () => {
  it.each([
    ["cento", "la pagina https://www.facebook.com/ComuneCento/ è quella vera?", /Sì: facebook\.com\/ComuneCento/],
    ["cento", "è ufficiale il profilo instagram.com/comunedicento?", /Sì: instagram\.com\/comunedicento è un account ufficiale/],
    ["cento", "il profilo @centonotizie24 è del comune?", /@centonotizie24 non è tra gli account ufficiali.*iniziative private non autorizzate/s],
    ["cento", "la pagina facebook \"Cento che cambia\" è ufficiale?", /Cento che cambia non è tra gli account ufficiali/],
    ["mezzago", "la pagina 'Mezzago Eventi' è ufficiale del comune?", /non elenca gli account ufficiali.*segreteria@comune\.mezzago\.mb\.it/s],
  ] as const)("%s: %s", async (comune, text, expected) => {
    const reply = seen(await turn(botAt(comune, "2026-11-24T10:00:00+01:00"), text));
    expect(reply).toMatch(expected);
  });
});
