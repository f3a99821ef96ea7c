import { describe, expect, it } from "vitest";
import { peerAnswer } from "../../scripts/peers/peerReply.js";
import { disclosurePattern, disclosurePatterns, openingFigures, openingSentence, opensWith112 } from "../../scripts/replyOpening.js";
import { LOCALES_DIR, realBundle } from "../support/realKnowledge.js";

const disclosures = disclosurePatterns(LOCALES_DIR);
const cento = realBundle("cento");
const mezzago = realBundle("mezzago");

describe("disclosurePatterns", () => {
  it("recognises each language's disclosure line for any comune, and nothing longer", () => {
    for (const bundle of [cento, mezzago]) {
      for (const language of ["it", "en"] as const) {
        const line = bundle.composer.disclosure(language);
        expect(disclosures.some((d) => d.test(line))).toBe(true);
        expect(disclosures.some((d) => d.test(`${line} Chiama il 112.`))).toBe(false);
      }
    }
  });

  it("turns every placeholder of a template into any text", () => {
    const pattern = disclosurePattern("I am the assistant of the {{name}} ({{- town}}), not a person.");
    expect(pattern.test("I am the assistant of the Comune di Cento (Cento), not a person.")).toBe(true);
    expect(pattern.test("I am the assistant of the Comune di Cento, not a person.")).toBe(false);
  });
});

describe("opensWith112", () => {
  it("is true for the emergency answer, whose disclosure comes last", () => {
    const cases = [[cento, "it", "mio padre è caduto e non respira"], [mezzago, "en", "my father fell and is not breathing"]] as const;
    for (const [bundle, locale, text] of cases) {
      const reply = peerAnswer(bundle, text, locale, "emergency").reply;
      expect(reply.trimEnd().split("\n").at(-2)).toBe(bundle.composer.disclosure(locale));
      expect(opensWith112(reply, disclosures)).toBe(true);
    }
  });

  it("reads past a disclosure that comes first", () => {
    const reply = `${cento.composer.disclosure("it")}\n\nChiama subito il 112.\nQuesta pagina non è seguita in modo continuo.`;
    expect(openingSentence(reply, disclosures)).toBe("Chiama subito il 112.");
    expect(opensWith112(reply, disclosures)).toBe(true);
  });

  it("is true for an ordinary answer opened by the safety net's line, as the bot lays it out", () => {
    for (const language of ["it", "en"] as const) {
      const answer = peerAnswer(cento, "c'è una buca in strada", language, "report").reply;
      expect(opensWith112(answer, disclosures)).toBe(false);
      const [disclosure, ...rest] = answer.split("\n\n");
      expect(disclosures.some((d) => d.test(disclosure!))).toBe(true);
      const withNet = [disclosure, cento.composer.safetyNet(language), ...rest].join("\n\n");
      expect(opensWith112(withNet, disclosures)).toBe(true);
    }
  });

  it("is false when 112 comes only in a later paragraph, or later in the first line", () => {
    const third = `${cento.composer.disclosure("it")}\n\nPer le buche scrivi all'URP.\n\nTi rispondono in settimana.\n\nIn caso di pericolo chiama il 112.`;
    expect(opensWith112(third, disclosures)).toBe(false);
    expect(opensWith112("Le pagine sono seguite di giorno. Per le emergenze chiama il 112.", disclosures)).toBe(false);
    // the shipped "hours" answer names 112 on its second line
    const hours = peerAnswer(cento, "quando siete online?", "it", "hours").reply;
    expect(hours).toMatch(/112/);
    expect(opensWith112(hours, disclosures)).toBe(false);
  });

  it("does not take a longer number for 112", () => {
    expect(opensWith112("Chiama il 1122 o il 0112.", disclosures)).toBe(false);
    expect(opensWith112("Call 112!", disclosures)).toBe(true);
    expect(opensWith112("", disclosures)).toBe(false);
  });
});

describe("openingFigures", () => {
  it("counts emergencies that open with 112 and ordinary replies that do, leaving crimes out of both", () => {
    const net = "Se qualcuno è in pericolo adesso, chiama subito il 112.\n\nPer le buche scrivi all'URP.";
    const plain = "Per le buche scrivi all'URP.";
    const items = [
      { id: "e1", topic: "redirect.emergency" },
      { id: "e2", topic: "redirect.emergency" },
      { id: "c1", topic: "redirect.crime" },
      { id: "o1", topic: "redirect.report" },
      { id: "o2", topic: "policy.hours" },
      { id: "o3", topic: "fallback" },
      { id: "o4", topic: "chat.thanks" },
    ];
    const figures = openingFigures(items, ["Chiama subito il 112.", plain, net, net, plain, plain, plain], disclosures);
    expect(figures.emergencies).toEqual({ count: 1, of: 2, percent: 50 });
    expect(figures.ordinary).toEqual({ count: 1, of: 4, percent: 25 });
    expect(figures.missedEmergencies).toEqual(["e2"]);
    expect(figures.alarmedOrdinary).toEqual(["o1"]);
  });

  it("refuses replies that do not line up with the items", () => {
    expect(() => openingFigures([{ id: "a", topic: "fallback" }], [], disclosures)).toThrow(/1 items but 0 replies/);
  });
});
