import { execFile } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkKnowledge } from "../../src/knowledge/checkKnowledge.js";
import { formatProblem } from "../../src/knowledge/formatProblem.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { COMUNI, KNOWLEDGE_DIR, i18n } from "../support/realKnowledge.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const foreign = (dir: string, comune: string) => checkKnowledge(dir, comune).warnings.filter((w) => w.code === "foreignMention");

describe("texts that name what belongs to another comune", () => {
  it.each(COMUNI)("%s ships with none", (comune) => {
    expect(foreign(KNOWLEDGE_DIR, comune).map((w) => formatProblem(i18n, w))).toEqual([]);
  });

  it("names another comune's rule copied into this comune's own answer", () => {
    const copy = copyKnowledge();
    copy.write(
      "mezzago/answers.yaml",
      copy.read("mezzago/answers.yaml").replace("a patto di citarne la fonte.", "a patto di citarne la fonte, con licenza CC BY-ND."),
    );
    const rules = foreign(copy.dir, "mezzago").filter((w) => w.params.kind === "rule");
    expect(rules.map((w) => [w.file, w.params.word, w.params.owner])).toContainEqual(["mezzago/answers.yaml", "CC BY-ND", "cento"]);
  });

  it("are warnings naming the word, where it is and whose it is: a place, a rule, an office's e-mail, the name", () => {
    const copy = copyKnowledge();
    // local examples with one of Cento's places and with Cento's licence
    const local = copy
      .read("mezzago/local.yaml")
      .replace("purpose:\n  examples:\n    it: [", 'purpose:\n  examples:\n    it: ["la festa di Casumaro è sulla vostra pagina?", "le vostre foto hanno la licenza CC BY-ND?", ');
    copy.write("mezzago/local.yaml", local);
    const profile = copy
      .read("mezzago/profile.yaml")
      .replace("it: dal lunedì al sabato, dalle 8:00 alle 13:00", "it: dal lunedì al sabato, dalle 8:00 alle 13:00 (come a Cento, scrivete a urp@comune.cento.fe.it)");
    copy.write("mezzago/profile.yaml", profile);

    const warnings = foreign(copy.dir, "mezzago");
    const found = warnings.map((w) => [w.file, w.params.word, w.params.kind, w.params.owner]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["mezzago/local.yaml", "Casumaro", "place", "cento"],
        ["mezzago/local.yaml", "CC BY-ND", "rule", "cento"],
        ["mezzago/profile.yaml", "urp@comune.cento.fe.it", "contact", "cento"],
        ["mezzago/profile.yaml", "Cento", "name", "cento"],
      ]),
    );
    const casumaro = warnings.find((w) => w.params.word === "Casumaro")!;
    expect(casumaro.field).toBe("purpose.examples.it[0]");
    const message = formatProblem(i18n, casumaro, "it");
    expect(message).toContain(`mezzago/local.yaml, riga ${casumaro.line}`);
    expect(message).toContain("«Casumaro» è un luogo del comune «cento»");
    const label = warnings.find((w) => w.params.word === "urp@comune.cento.fe.it")!;
    expect(label.field).toBe("monitoredHours.label.it");
    expect(label.line).toBe(profile.split("\n").findIndex((l) => l.includes("come a Cento")) + 1);
    // Cento's own check is untouched by Mezzago's slips.
    expect(foreign(copy.dir, "cento")).toEqual([]);
  });

  it("finds a new comune started as a copy of another, and knowledge:check reads it like any other", async () => {
    const copy = copyKnowledge();
    cpSync(join(copy.dir, "cento"), join(copy.dir, "nuovaterra"), { recursive: true });
    const profile = copy
      .read("nuovaterra/profile.yaml")
      .replace("id: cento", "id: nuovaterra")
      .replace("name: Comune di Cento", "name: Comune di Nuovaterra")
      .replaceAll("comune.cento.fe.it", "comune.nuovaterra.example.it")
      .replace('freephone: "800 375 515"', 'freephone: "800 111 222"')
      .replace("it: Biblioteca comunale di Cento", "it: Biblioteca comunale")
      .replace("en: Cento public library", "en: Public library");
    copy.write("nuovaterra/profile.yaml", profile);
    // Mezzago stays out of this comparison: two comuni, the copy and its original.
    rmSync(join(copy.dir, "mezzago"), { recursive: true });

    const warnings = foreign(copy.dir, "nuovaterra");
    const words = new Set(warnings.map((w) => `${String(w.params.word)} (${String(w.params.owner)})`));
    expect(words).toContain("Cento (cento)");
    expect(words).toContain("Casumaro (cento)");
    expect(warnings.every((w) => w.file.startsWith("nuovaterra/"))).toBe(true);

    const { stdout } = await run("npx", ["tsx", "scripts/knowledgeCheck.ts", "--dir", copy.dir], { cwd: ROOT });
    expect(stdout).toContain("Comune: nuovaterra");
    expect(stdout).toMatch(/nuovaterra\/\w+\.yaml, riga \d+, colonna \d+: «Casumaro» è un luogo del comune «cento»/);
  });
});
