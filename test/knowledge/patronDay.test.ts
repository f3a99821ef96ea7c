import { describe, expect, it } from "vitest";
import { createKnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import { OfficeHours } from "../../src/conversation/officeHours.js";
import { formatProblem } from "../../src/knowledge/formatProblem.js";
import { KnowledgeLoadError } from "../../src/knowledge/knowledgeProblem.js";
import { loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { COMUNI, KNOWLEDGE_DIR, i18n } from "../support/realKnowledge.js";

/** Cento's knowledge as staff would leave it after adding a patron day to its profile. */
function centoWithPatronDay(line: string) {
  const copy = copyKnowledge();
  copy.write("cento/profile.yaml", `${copy.read("cento/profile.yaml")}${line}\n`);
  return copy;
}

/** The office hours of Cento's profile with that patron day, as the bundle builds them. */
function centoHoursWith(patronDay: string): OfficeHours {
  const { profile } = loadKnowledge(centoWithPatronDay(`patronDay: "${patronDay}"`).dir, "cento");
  expect(profile.patronDay).toBe(patronDay);
  return new OfficeHours(profile.monitoredHours, profile.patronDay);
}

describe("a comune's patron day (profile.yaml, patronDay)", () => {
  it("closes the channels that day every year, like a public holiday", () => {
    // 25 November is no saint of Cento's: a day the test can tell from any real holiday.
    const bundle = createKnowledgeBundle(loadKnowledge(centoWithPatronDay('patronDay: "11-25"').dir, "cento"), i18n);
    const wednesday = bundle.officeHours.status(new Date("2026-11-25T10:00:00+01:00"));
    expect(wednesday.open).toBe(false);
    if (!wednesday.open) expect(wednesday.nextOpening?.toFormat("yyyy-MM-dd'T'HH:mm")).toBe("2026-11-26T09:00");
    expect(bundle.composer.officeStatus(wednesday, new Date("2026-11-25T10:00:00+01:00"), "it")).toBe(
      "Ora i canali non sono presidiati: riapriamo domani alle 9:00.",
    );
    expect(bundle.officeHours.status(new Date("2026-11-24T10:00:00+01:00")).open).toBe(true);
    expect(bundle.officeHours.status(new Date("2026-11-26T10:00:00+01:00")).open).toBe(true);
    expect(bundle.officeHours.status(new Date("2027-11-25T10:00:00+01:00")).open).toBe(false);
  });

  it("moves the next opening past it when it comes after a closed day", () => {
    // Saturday 28 November 2026: Cento follows the page from Monday, but Monday the 30th is the patron's day.
    const saturday = centoHoursWith("11-30").status(new Date("2026-11-28T10:00:00+01:00"));
    expect(saturday.open).toBe(false);
    if (!saturday.open) expect(saturday.nextOpening?.toFormat("yyyy-MM-dd'T'HH:mm")).toBe("2026-12-01T09:00");
  });

  it("is left out by both seed comuni, whose policies name none", () => {
    for (const comune of COMUNI) expect(loadKnowledge(KNOWLEDGE_DIR, comune).profile.patronDay).toBeUndefined();
  });

  it.each([["02-30"], ["13-01"], ["2-3"], ["02/03"], ["2027-02-03"]])("refuses %s with a knowledge error naming file, line and field", (value) => {
    const copy = centoWithPatronDay(`patronDay: "${value}"`);
    const line = copy.read("cento/profile.yaml").trimEnd().split("\n").length;
    let error: unknown;
    try {
      loadKnowledge(copy.dir, "cento");
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(KnowledgeLoadError);
    const problems = (error as KnowledgeLoadError).problems;
    expect(problems).toEqual([expect.objectContaining({ file: "cento/profile.yaml", line, field: "patronDay", code: "badMonthDay" })]);
    expect(formatProblem(i18n, problems[0]!, "it")).toBe(
      `cento/profile.yaml, riga ${line}, colonna 12: «patronDay» non è un giorno dell'anno valido. Scrivi mese e giorno con due cifre ciascuno, tra virgolette: "02-03" è il 3 febbraio.`,
    );
  });

  it("accepts 29 February, which closes only in leap years", () => {
    const hours = centoHoursWith("02-29");
    expect(hours.status(new Date("2028-02-29T10:00:00+01:00")).open).toBe(false);
    expect(hours.status(new Date("2027-03-01T10:00:00+01:00")).open).toBe(true);
  });
});
