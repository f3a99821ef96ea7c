import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { createKnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import { checkKnowledge } from "../../src/knowledge/checkKnowledge.js";
import { formatProblem } from "../../src/knowledge/formatProblem.js";
import { KnowledgeLoadError } from "../../src/knowledge/knowledgeProblem.js";
import { loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { KNOWLEDGE_DIR, i18n } from "../support/realKnowledge.js";
import { seen, testBot, turn } from "../support/testBot.js";

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/** Runs an npm script's file with tsx as a real process; the exit code instead of a throw. */
async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec("npx", ["tsx", script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const newComune = (dir: string, ...args: string[]) => runScript("scripts/newComune.ts", args, { KNOWLEDGE_DIR: dir });
const knowledgeCheck = (dir: string, ...args: string[]) => runScript("scripts/knowledgeCheck.ts", ["--dir", dir, ...args]);

/** Every blank of the scaffolded profile, by field, in file order. */
const BLANKS: readonly string[] = [
  "website",
  "theme.primary",
  "monitoredHours.mon[0]",
  "monitoredHours.label.it",
  "monitoredHours.label.en",
  "offices.riferimento.name.it",
  "offices.riferimento.name.en",
  "offices.riferimento.email",
  "offices.riferimento.phone",
  "accounts.facebook-comune.platform",
  "accounts.facebook-comune.url",
  "accounts.facebook-comune.managedBy.it",
  "accounts.facebook-comune.managedBy.en",
  "policy.act.it",
  "policy.act.en",
  "policy.approved",
  "policy.url",
];

/** Plausible facts of the fictional Comune di Valfiorita, by the path yaml's setIn takes. */
const VALFIORITA: Readonly<Record<string, string>> = {
  website: "https://www.comune.valfiorita.it",
  "theme.primary": "#2b4a6f",
  "monitoredHours.mon.0": "09:00-12:30",
  "monitoredHours.label.it": "il lunedì e il giovedì, dalle 9:00 alle 12:30",
  "monitoredHours.label.en": "Mondays and Thursdays, 9:00 am to 12:30 pm",
  "offices.riferimento.name.it": "Ufficio Affari Generali",
  "offices.riferimento.name.en": "General Affairs Office (Ufficio Affari Generali)",
  "offices.riferimento.email": "affarigenerali@comune.valfiorita.it",
  "offices.riferimento.phone": "0371 445566",
  "accounts.facebook-comune.platform": "Facebook",
  "accounts.facebook-comune.url": "https://www.facebook.com/ComuneValfiorita",
  "accounts.facebook-comune.managedBy.it": "Ufficio Affari Generali",
  "accounts.facebook-comune.managedBy.en": "General Affairs Office",
  "policy.act.it": "Delibera di Giunta n. 41 del 12 aprile 2024",
  "policy.act.en": "Municipal Executive resolution no. 41 of 12 April 2024",
  "policy.approved": "12/04/2024",
  "policy.url": "https://www.comune.valfiorita.it/social-media-policy",
};

/** The profile with the given blanks filled, its comments kept. */
function fill(profile: string, values: Readonly<Record<string, string>>): string {
  const doc = parseDocument(profile);
  for (const [path, value] of Object.entries(values)) {
    doc.setIn(path.split(".").map((key) => (/^\d+$/.test(key) ? Number(key) : key)), value);
  }
  return doc.toString();
}

describe("npm run comune:new", () => {
  it("creates the three files, and knowledge:check lists each blank in Italian until it is filled", async () => {
    const copy = copyKnowledge();
    const created = await newComune(copy.dir, "--id", "valfiorita", "--name", "Comune di Valfiorita");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Creato il Comune di Valfiorita");
    for (const file of ["profile.yaml", "answers.yaml", "local.yaml"]) expect(existsSync(join(copy.dir, "valfiorita", file))).toBe(true);
    const profile = copy.read("valfiorita/profile.yaml");
    expect(profile).toMatch(/^id: valfiorita$/m);
    expect(profile).toMatch(/^name: "Comune di Valfiorita"$/m);

    const check = await knowledgeCheck(copy.dir, "--comune", "valfiorita");
    expect(check.code).toBe(1);
    const errors = check.stdout.split("\n").filter((line) => line.startsWith("  ✗"));
    // One error per blank, each naming the file, its line and the field; no format error for a blank.
    expect(errors).toHaveLength(BLANKS.length);
    const lines = profile.split("\n");
    BLANKS.forEach((field, i) => {
      const match = /valfiorita\/profile\.yaml, riga (\d+), colonna \d+: «([^»]+)» è ancora da compilare \(DA COMPILARE\)/.exec(errors[i]!);
      expect(match?.[2]).toBe(field);
      expect(lines[Number(match?.[1]) - 1]).toContain("DA COMPILARE");
    });
    expect(check.stdout).not.toMatch(/non è un indirizzo|non è un numero|non è un orario/);

    const english = await knowledgeCheck(copy.dir, "--comune", "valfiorita", "--lang", "en");
    expect(english.code).toBe(1);
    expect(english.stdout.split("\n").filter((line) => line.includes("is still to be filled in (DA COMPILARE)"))).toHaveLength(BLANKS.length);

    // The bot refuses the comune as knowledge:check does.
    expect(() => loadKnowledge(copy.dir, "valfiorita")).toThrow(KnowledgeLoadError);
  }, 120_000);

  it("passes once the blanks are filled, and the new comune answers with its own contact", async () => {
    const copy = copyKnowledge();
    expect((await newComune(copy.dir, "--id", "valfiorita", "--name", "Comune di Valfiorita")).code).toBe(0);
    const blank = copy.read("valfiorita/profile.yaml");

    // Half filled: the rest still blanks, and a filled field is checked for its format again.
    copy.write("valfiorita/profile.yaml", fill(blank, { ...VALFIORITA, "offices.riferimento.email": "urp chiocciola valfiorita", "policy.url": "DA COMPILARE" }));
    const half = await knowledgeCheck(copy.dir, "--comune", "valfiorita");
    expect(half.code).toBe(1);
    expect(half.stdout).toContain("«offices.riferimento.email» non è un indirizzo e-mail valido");
    expect(half.stdout).toContain("«policy.url» è ancora da compilare");
    expect(half.stdout.split("\n").filter((line) => line.startsWith("  ✗"))).toHaveLength(2);

    copy.write("valfiorita/profile.yaml", fill(blank, VALFIORITA));
    const check = await knowledgeCheck(copy.dir, "--comune", "valfiorita");
    expect(check.stdout).not.toContain("DA COMPILARE");
    expect(check.code).toBe(0);
    // Nothing the scaffold writes reads as another comune's (foreignMention) or needs a fix.
    expect(check.stdout).toContain("valfiorita: 0 errori, 0 avvisi");

    const { adapter } = testBot(createKnowledgeBundle(loadKnowledge(copy.dir, "valfiorita"), i18n));
    const reply = seen(await turn(adapter, "qual è la mail per contattarvi?"));
    expect(reply).toContain("affarigenerali@comune.valfiorita.it");
    expect(reply).not.toMatch(/comune\.cento|comune\.mezzago/);
  }, 180_000);

  it("refuses an id that exists or is malformed, in Italian, and overwrites nothing", async () => {
    const copy = copyKnowledge();
    const before = copy.read("mezzago/profile.yaml");
    const existing = await newComune(copy.dir, "--id", "mezzago", "--name", "Comune di Mezzago");
    expect(existing.code).toBe(1);
    expect(existing.stderr).toContain("Il comune «mezzago» esiste già");
    expect(copy.read("mezzago/profile.yaml")).toBe(before);
    expect(readFileSync(join(copy.dir, "mezzago/answers.yaml"), "utf8")).not.toContain("DA COMPILARE");

    for (const id of ["Valfiorita", "val_fiorita", "1valfiorita", "../valfiorita"]) {
      const bad = await newComune(copy.dir, "--id", id, "--name", "Comune di Valfiorita");
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(`L'identificativo «${id}» non va bene`);
    }
    expect(existsSync(join(copy.dir, "valfiorita"))).toBe(false);
  }, 120_000);
});

describe("the staff guide's worked example (knowledge/README.md, «Aggiungere un comune»)", () => {
  it("is a Valfiorita profile that loads without errors over the scaffolded folder", async () => {
    const guide = readFileSync(join(KNOWLEDGE_DIR, "README.md"), "utf8");
    const example = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.startsWith("# Profilo del Comune di Valfiorita"));
    expect(example).toBeDefined();
    const copy = copyKnowledge();
    expect((await newComune(copy.dir, "--id", "valfiorita", "--name", "Comune di Valfiorita")).code).toBe(0);
    copy.write("valfiorita/profile.yaml", example!);
    const { errors, knowledge } = checkKnowledge(copy.dir, "valfiorita", { routeExamples: false });
    expect(errors.map((problem) => formatProblem(i18n, problem))).toEqual([]);
    expect(knowledge?.profile.offices[knowledge.profile.contactOffice]?.email).toBe("affarigenerali@comune.valfiorita.it");
  }, 60_000);
});
