import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkKnowledge, loadCheckedKnowledge } from "../../src/knowledge/checkKnowledge.js";
import { formatProblem } from "../../src/knowledge/formatProblem.js";
import { KnowledgeLoadError } from "../../src/knowledge/knowledgeProblem.js";
import { loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { COMUNI, KNOWLEDGE_DIR, i18n } from "../support/realKnowledge.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/** An entry file whose examples the router cannot confuse with the shipped ones. */
const ENTRY = (id: string, examples: string[]) => `entries:
  - id: ${id}
    topic: policy.hours
    keywords:
      it: [zanzibar]
    examples:
      it:
${examples.map((e) => `        - "${e}"`).join("\n")}
    answer:
      it: Rispondiamo {{monitoredHours.label}}.
      en: We answer {{monitoredHours.label}}.
`;

/** Runs the real command, as staff do, and returns its output and exit code. */
async function knowledgeCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "scripts/knowledgeCheck.ts", ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("checking the shipped knowledge", () => {
  it.each(COMUNI)("%s has no error", (comune) => {
    const result = checkKnowledge(KNOWLEDGE_DIR, comune);
    expect(result.errors.map((p) => formatProblem(i18n, p))).toEqual([]);
    expect(result.knowledge?.comune).toBe(comune);
  });

  it("npm run knowledge:check exits 0 and says so in Italian", async () => {
    const { code, stdout } = await knowledgeCheck();
    expect(code).toBe(0);
    expect(stdout).toContain("Comune: cento");
    expect(stdout).toContain("Comune: mezzago");
    expect(stdout).toContain(String(i18n.t("check.passed", { ns: "knowledge", lng: "it" })));
  });
});

describe("the same example question in two entries", () => {
  it("is an error that names both places", () => {
    const copy = copyKnowledge();
    copy.write("cento/entries/zz-one.yaml", ENTRY("zanzibar-one", ["Quando rispondete a Zanzibar?"]));
    copy.write("cento/entries/zz-two.yaml", ENTRY("zanzibar-two", ["altro esempio", "quando rispondete a zanzibar"]));
    const { errors, knowledge } = checkKnowledge(copy.dir, "cento");
    expect(knowledge).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({ code: "duplicateExample", file: "cento/entries/zz-two.yaml", line: 9, field: "entries[0].examples.it[1]" }),
    ]);
    const message = formatProblem(i18n, errors[0]!, "it");
    expect(message).toContain("cento/entries/zz-two.yaml, riga 9");
    expect(message).toContain("cento/entries/zz-one.yaml:8");
    expect(message).toContain("zanzibar-one");
    expect(() => loadCheckedKnowledge(copy.dir, "cento")).toThrow(KnowledgeLoadError);
  });

  it("in both languages of one entry is fine, twice in one language only a warning", () => {
    const copy = copyKnowledge();
    copy.write(
      "cento/entries/zz-one.yaml",
      ENTRY("zanzibar-one", ["zanzibar?", "Zanzibar"]).replace("    answer:", "      en: [zanzibar]\n    answer:"),
    );
    const { errors, warnings } = checkKnowledge(copy.dir, "cento");
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.file === "cento/entries/zz-one.yaml").map((w) => [w.code, w.line])).toEqual([["duplicateExampleInEntry", 9]]);
  });
});

describe("examples that the router answers with another entry", () => {
  it("are warnings that say which entry answers instead, and do not fail the check", async () => {
    const copy = copyKnowledge();
    copy.write("cento/entries/zz-one.yaml", ENTRY("zanzibar-one", ["zanzibar", "a che ora rispondete su facebook la domenica?", "?!"]));
    const { errors, warnings } = checkKnowledge(copy.dir, "cento");
    expect(errors).toEqual([]);
    const mine = warnings.filter((w) => w.file === "cento/entries/zz-one.yaml");
    expect(mine).toEqual([
      expect.objectContaining({ code: "exampleRoutedElsewhere", line: 9, params: expect.objectContaining({ entry: "zanzibar-one", other: "hours" }) }),
      expect.objectContaining({ code: "exampleNotUnderstood", line: 10 }),
    ]);
    expect(formatProblem(i18n, mine[0]!, "en")).toMatch(/line 9, .*is answered by «hours» instead/);

    const { code, stdout } = await knowledgeCheck("--dir", copy.dir, "--comune", "cento", "--lang", "en");
    expect(code).toBe(0);
    expect(stdout).toContain("cento/entries/zz-one.yaml, line 9");
    expect(stdout).toContain("All good");
  });
});

describe("errors through the command", () => {
  it("exit 1 with file, line, column and field in plain Italian", async () => {
    const copy = copyKnowledge();
    copy.write("cento/profile.yaml", copy.read("cento/profile.yaml").replace("email: urp@comune.cento.fe.it", "email: urp(at)comune.cento.fe.it"));
    const line = copy.read("cento/profile.yaml").split("\n").findIndex((l) => l.includes("urp(at)")) + 1;
    const { code, stdout } = await knowledgeCheck("--dir", copy.dir, "--comune", "cento");
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`cento/profile\\.yaml, riga ${line}, colonna \\d+: «offices\\.urp\\.email» non è un indirizzo e-mail valido`));
    expect(stdout).toContain(String(i18n.t("check.failed", { ns: "knowledge", lng: "it" })));
  });

  it("an unknown comune lists the known ones", async () => {
    const { code, stderr } = await knowledgeCheck("--comune", "bologna");
    expect(code).toBe(1);
    expect(stderr).toContain(`Comuni presenti: ${COMUNI.join(", ")}.`);
  });
});

describe("problems in the profile", () => {
  const NOTICE = (from: string, until: string) =>
    `notice:\n  it: Uffici chiusi per neve.\n  en: Offices closed for snow.\n  from: "${from}"\n  until: "${until}"\n`;

  /** the line of the first line of the profile that starts with `text` (after the edit) */
  const lineOf = (profile: string, text: string) => profile.split("\n").findIndex((l) => l.trimStart().startsWith(text)) + 1;
  const DAY = ["2026-12-01T08:00:00+01:00", "2026-12-02T08:00:00+01:00"] as const;

  it.each([
    ["a malformed e-mail", (p: string) => p.replace("email: urp@comune.cento.fe.it", "email: urp@comune"), "badEmail", "offices.urp.email", "email: urp@comune"],
    ["a malformed URL", (p: string) => p.replace("website: https://www.comune.cento.fe.it", "website: www.comune.cento.fe.it"), "badUrl", "website", "website:"],
    ["a notice date without an offset", (p: string) => p + NOTICE("2026-12-01T08:00", DAY[1]), "badDateTime", "notice.from", "from:"],
    ["a notice on a day that does not exist", (p: string) => p + NOTICE("2026-02-30T08:00:00+01:00", DAY[1]), "badDateTime", "notice.from", "from:"],
    ["a notice that ends before it starts", (p: string) => p + NOTICE(DAY[1], DAY[0]), "noticeEndsBeforeStart", "notice.until", "until:"],
    ["a notice without its English text", (p: string) => p + NOTICE(DAY[0], DAY[1]).replace("  en: Offices closed for snow.\n", ""), "missing", "notice.en", "notice:"],
    ["a patron day that does not exist", (p: string) => p + 'patronDay: "02-30"\n', "badMonthDay", "patronDay", "patronDay:"],
    ["a patron day written in words", (p: string) => p + "patronDay: 3 febbraio\n", "badMonthDay", "patronDay", "patronDay:"],
  ])("%s is named with file, line and field", (_name, edit, code, field, lineStart) => {
    const copy = copyKnowledge();
    const profile = edit(copy.read("cento/profile.yaml"));
    copy.write("cento/profile.yaml", profile);
    const { errors } = checkKnowledge(copy.dir, "cento");
    const problem = errors.find((p) => p.code === code);
    expect(problem, JSON.stringify(errors)).toMatchObject({ file: "cento/profile.yaml", field, line: lineOf(profile, lineStart) });
    expect(formatProblem(i18n, problem!, "it")).toContain(`cento/profile.yaml, riga ${problem!.line}`);
  });

  it("a valid notice loads", () => {
    const copy = copyKnowledge();
    copy.write("cento/profile.yaml", copy.read("cento/profile.yaml") + NOTICE("2026-12-01T08:00:00+01:00", "2026-12-02T20:00:00+01:00"));
    expect(loadKnowledge(copy.dir, "cento").profile.notice).toMatchObject({ it: "Uffici chiusi per neve.", until: "2026-12-02T20:00:00+01:00" });
  });
});

describe("a profile without the privacy notice's address", () => {
  it.each(COMUNI)("%s gets a note naming the office the welcome sends citizens to, not a warning", (comune) => {
    const { notes, warnings, knowledge } = checkKnowledge(KNOWLEDGE_DIR, comune, { routeExamples: false });
    const office = knowledge!.profile.offices[knowledge!.profile.contactOffice]!.name.it;
    expect(notes).toEqual([expect.objectContaining({ file: `${comune}/profile.yaml`, code: "noPrivacyNotice", params: { office } })]);
    expect(warnings.map((w) => w.code)).not.toContain("noPrivacyNotice");
    expect(formatProblem(i18n, notes[0]!)).toContain(office);
  });

  it("gets no note once the profile gives it", () => {
    const copy = copyKnowledge();
    copy.write("mezzago/profile.yaml", `${copy.read("mezzago/profile.yaml")}\nprivacyNotice: https://example.org/privacy\n`);
    expect(checkKnowledge(copy.dir, "mezzago", { routeExamples: false }).notes).toEqual([]);
  });

  it("is printed by npm run knowledge:check under the notes, and the check still passes", async () => {
    const { code, stdout } = await knowledgeCheck("--comune", "mezzago");
    expect(code).toBe(0);
    const notesAt = stdout.indexOf(String(i18n.t("check.notes", { ns: "knowledge", lng: "it" })));
    expect(notesAt).toBeGreaterThan(-1);
    expect(stdout.slice(notesAt)).toContain("mezzago/profile.yaml");
    expect(stdout.slice(notesAt)).toContain("privacyNotice");
  });
});
