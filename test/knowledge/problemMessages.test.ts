import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/knowledge/formatProblem.js";
import type { KnowledgeProblem } from "../../src/knowledge/knowledgeProblem.js";
import { LOCALES_DIR, i18n } from "../support/realKnowledge.js";

/**
 * Every problem code with the params its producers give it (src/knowledge/*): a message that asks
 * for anything else prints a raw {{placeholder}} to staff. A new code must be added here.
 */
const PARAMS_BY_CODE: Readonly<Record<string, Readonly<Record<string, string | number>>>> = {
  // readYamlFile, readKnowledgeText, describeYamlError
  missingFile: {},
  fileTooLarge: { sizeMb: 2.5, maxMb: 1 },
  entriesFileTooLarge: { sizeMb: 2.5, maxMb: 1 },
  corpusFileTooLarge: { sizeMb: 2.5, maxMb: 1 },
  notUtf8: {},
  tooDeep: { max: 32 },
  tooManyAliases: { max: 100 },
  yamlSyntax: {},
  yamlUnclosedQuote: { quote: '"' },
  yamlUnclosedBracket: { open: "[", close: "]" },
  yamlIndentation: {},
  yamlKeyWithoutValue: {},
  yamlColonInValue: {},
  yamlDuplicateKey: { key: "topic" },
  yamlTab: {},
  yamlReservedStart: { char: "@" },
  yamlTextAfterQuote: {},
  yamlMultipleDocuments: {},
  // validateWithSchema
  missing: {},
  wrongType: { expected: "string" },
  unknownField: {},
  badValue: {},
  unknownTopic: { max: 20 },
  empty: { max: 20 },
  tooLong: { max: 20 },
  tooFew: {},
  badEmail: { max: 20 },
  badPhone: { max: 20 },
  badUrl: { max: 20 },
  badTime: { max: 20 },
  badMonthDay: { max: 20 },
  badId: { max: 20 },
  invalid: { detail: "Too big" },
  // profileBlanks
  blank: { marker: "DA COMPILARE" },
  // loadKnowledge, loadCorpus
  unknownEntry: { id: "orari" },
  unknownReference: { reference: "offices.urp.pec" },
  badActionTarget: { target: "offices.urp.email", expected: "phone" },
  duplicateId: { id: "orari", other: "cento/entries/policy.yaml:12" },
  unknownContactOffice: { office: "urp" },
  badDateTime: { value: "2026-12-01" },
  noticeEndsBeforeStart: { from: "2026-12-02T08:00:00+01:00", until: "2026-12-01T08:00:00+01:00" },
  corpusTopicMismatch: { entry: "hours", topic: "policy.hours", other: "policy.contacts" },
  duplicateCorpusEntry: { entry: "hours", other: "corpus/it/hours.yaml" },
  // checkKnowledge
  duplicateExample: { example: "orari?", other: "cento/entries/policy.yaml:14", otherEntry: "hours" },
  duplicateExampleInEntry: { example: "orari?", other: "cento/entries/policy.yaml:14", otherEntry: "hours" },
  exampleRoutedElsewhere: { example: "orari?", entry: "hours", other: "contacts", language: "it", fix: "move", fixTo: "contacts" },
  exampleClarified: { example: "orari?", entry: "hours", first: "hours", second: "contacts", language: "it", fix: "keyword", fixText: "orari" },
  exampleNotUnderstood: { example: "orari?", entry: "hours", language: "it", fix: "remove" },
  noPrivacyNotice: { office: "URP (Ufficio Relazioni con il Pubblico)" },
  // checkKnowledge, foreignMentions
  foreignMention: { word: "Casumaro", kind: "place", owner: "cento" },
};

/** Every fix a routing warning can suggest (src/knowledge/exampleFixes.ts), with its params. */
const FIXES = [
  { fix: "keyword", fixText: "orari pagina" },
  { fix: "signal", fixText: "casa brucia" },
  { fix: "move", fixTo: "contacts" },
  { fix: "remove" },
] as const;

const codesIn = (language: string) => {
  const messages = JSON.parse(readFileSync(resolve(LOCALES_DIR, language, "knowledge.json"), "utf8")) as Record<string, unknown>;
  return Object.keys(messages).filter((key) => typeof messages[key] === "string" && key !== "location");
};

describe("every fix a routing warning suggests", () => {
  it.each(FIXES.flatMap((fix) => (["it", "en"] as const).map((language) => [fix.fix, language, fix] as const)))("%s (%s) is a whole sentence", (_kind, language, fix) => {
    const params = { example: "orari?", entry: "hours", other: "contacts", language: "it", ...fix };
    const message = formatProblem(i18n, { file: "cento/entries/zz-prova.yaml", line: 7, column: 5, field: "entries[0].examples.it[0]", code: "exampleRoutedElsewhere", params }, language);
    expect(message).toMatch(/\.$/);
    expect(message).not.toMatch(/\{\{|\}\}/);
    if ("fixText" in fix) expect(message).toContain(`«${fix.fixText}»`);
    if ("fixTo" in fix) expect(message).toContain(`«${fix.fixTo}»`);
  });
});

describe("every message to staff", () => {
  it("exists in both languages and is listed here with its params", () => {
    expect(codesIn("en").sort()).toEqual(codesIn("it").sort());
    expect(Object.keys(PARAMS_BY_CODE).sort()).toEqual(codesIn("it").sort());
  });

  it.each(Object.entries(PARAMS_BY_CODE).flatMap(([code, params]) => (["it", "en"] as const).map((language) => [code, language, params] as const)))(
    "%s (%s) names the file and leaves no placeholder unfilled",
    (code, language, params) => {
      const problem: KnowledgeProblem = { file: "cento/entries/zz-prova.yaml", line: 7, column: 5, field: "entries[0].answer.it", code, params };
      const message = formatProblem(i18n, problem, language);
      expect(message).toContain("cento/entries/zz-prova.yaml");
      expect(message).not.toContain("{{");
      expect(message).not.toContain("}}");
    },
  );
});
