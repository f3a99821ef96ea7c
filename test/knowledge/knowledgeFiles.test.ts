import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkKnowledge } from "../../src/knowledge/checkKnowledge.js";
import { formatProblem } from "../../src/knowledge/formatProblem.js";
import { KnowledgeLoadError, type KnowledgeProblem } from "../../src/knowledge/knowledgeProblem.js";
import { loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { readYamlFile } from "../../src/knowledge/readYamlFile.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { i18n } from "../support/realKnowledge.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/** One valid entry; `answer` is written as given, so a test can break its YAML. */
const ENTRY = (id: string, answer = "Rispondiamo {{monitoredHours.label}}.") => `  - id: ${id}
    topic: policy.hours
    keywords:
      it: [zanzibar ${id}]
    examples:
      it: ["quando risponde zanzibar ${id}?"]
    answer:
      it: ${answer}
      en: We answer {{monitoredHours.label}}.
`;

/** The problems a broken copy of the knowledge has, each also rendered for staff in Italian. */
function errorsOf(write: (copy: ReturnType<typeof copyKnowledge>) => void): Array<KnowledgeProblem & { message: string }> {
  const copy = copyKnowledge();
  write(copy);
  const { errors, knowledge } = checkKnowledge(copy.dir, "cento", { routeExamples: false });
  expect(knowledge).toBeUndefined();
  return errors.map((p) => ({ ...p, message: formatProblem(i18n, p, "it") }));
}

describe("a knowledge file too large to read", () => {
  const twoMegabytes = (header: string) => {
    let text = header;
    for (let i = 0; text.length < 2 * 1024 * 1024; i++) text += ENTRY(`voce-${i}`);
    return text;
  };

  it("an entries file of 2 MB is refused by name, with the advice to split it", () => {
    const errors = errorsOf((copy) => copy.write("cento/entries/zz-huge.yaml", twoMegabytes("entries:\n")));
    expect(errors).toEqual([expect.objectContaining({ code: "entriesFileTooLarge", file: "cento/entries/zz-huge.yaml" })]);
    expect(errors[0]!.message).toBe(
      "cento/entries/zz-huge.yaml: il file è di 2 MB, oltre il limite di 1 MB per file. Dividi le risposte in più file .yaml nella stessa cartella entries/.",
    );
  });

  it("a corpus file of 2 MB is refused by name, with advice that fits one file per entry and language", () => {
    const errors = errorsOf((copy) => {
      const corpus = copy.read("corpus/it/hours.yaml");
      let text = corpus;
      for (let i = 0; text.length < 2 * 1024 * 1024; i++) text += `      - "a che ora rispondete il giorno ${i}?"\n`;
      copy.write("corpus/it/hours.yaml", text);
    });
    expect(errors).toEqual([expect.objectContaining({ code: "corpusFileTooLarge", file: "corpus/it/hours.yaml" })]);
    expect(errors[0]!.message).toMatch(/^corpus\/it\/hours\.yaml: il file è di 2 MB, .*un solo file per lingua: togli le domande di esempio ripetute/);
  });

  it("is refused before it is decoded: a 2 MB file that is not even UTF-8 gets the size message", () => {
    const errors = errorsOf((copy) => writeFileSync(join(copy.dir, "cento/profile.yaml"), Buffer.alloc(2 * 1024 * 1024, 0xe9)));
    expect(errors).toEqual([expect.objectContaining({ code: "fileTooLarge", file: "cento/profile.yaml" })]);
    expect(errors[0]!.message).toContain("cento/profile.yaml: il file è di 2 MB");
  });

  it("a file of exactly 1 MB is still read", () => {
    const copy = copyKnowledge();
    const entry = ENTRY("al-limite");
    copy.write("cento/entries/zz-limit.yaml", `entries:\n${entry}${"#".repeat(1024 * 1024 - 9 - entry.length - 1)}\n`);
    expect(loadKnowledge(copy.dir, "cento").entries.some((e) => e.id === "al-limite")).toBe(true);
  });
});

describe("a billion laughs", () => {
  const LAUGHS = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ..."bcdefghi".split("").map((name, i) => {
    const previous = "abcdefghi"[i]!;
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`;
  })].join("\n");

  it("is refused by name and line, quickly, without expanding", () => {
    const started = Date.now();
    const errors = errorsOf((copy) => copy.write("cento/entries/zz-laughs.yaml", `${LAUGHS}\n`));
    expect(errors).toEqual([expect.objectContaining({ code: "tooManyAliases", file: "cento/entries/zz-laughs.yaml", line: 2, column: 8 })]);
    expect(errors[0]!.message).toContain("cento/entries/zz-laughs.yaml, riga 2, colonna 8: il file usa troppi riferimenti YAML");
    // A guard against catastrophe, not a timing: expanding 9^9 items would take minutes and gigabytes.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe("the encoding", () => {
  it("a Latin-1 file is refused with the line and column of the first accented letter", () => {
    const errors = errorsOf((copy) =>
      copy.write("cento/entries/zz-latin1.yaml", Buffer.from(`entries:\n${ENTRY("perche", "Perché rispondiamo {{monitoredHours.label}}.")}`, "latin1")),
    );
    expect(errors).toEqual([expect.objectContaining({ code: "notUtf8", file: "cento/entries/zz-latin1.yaml", line: 9, column: 16 })]);
    expect(errors[0]!.message).toMatch(/^cento\/entries\/zz-latin1\.yaml, riga 9, colonna 16: il file non è salvato in UTF-8/);
  });

  it("a UTF-8 file with a byte order mark loads, and the mark is not part of the text", () => {
    const copy = copyKnowledge();
    copy.write("cento/entries/zz-bom.yaml", `\uFEFFentries:\n${ENTRY("perche", "Perché rispondiamo {{monitoredHours.label}}.")}`);
    const entry = loadKnowledge(copy.dir, "cento").entries.find((e) => e.id === "perche");
    expect(entry?.answer.it).toBe("Perché rispondiamo {{monitoredHours.label}}.");
  });
});

describe("files that are missing or not files", () => {
  it("a missing shared file and missing default answers are named, with no placeholder left", () => {
    const errors = errorsOf((copy) => {
      rmSync(join(copy.dir, "national.yaml"));
      rmSync(join(copy.dir, "defaults/answers.yaml"));
    });
    expect(errors.map((e) => e.message)).toEqual([
      "national.yaml: il file manca o non si può leggere.",
      "defaults/answers.yaml: il file manca o non si può leggere.",
    ]);
  });

  it("a folder named like a knowledge file is refused by name", () => {
    const errors = errorsOf((copy) => {
      rmSync(join(copy.dir, "lexicon.yaml"));
      mkdirSync(join(copy.dir, "lexicon.yaml"));
    });
    expect(errors.map((e) => e.message)).toEqual(["lexicon.yaml: il file manca o non si può leggere."]);
  });

  it("a named pipe among the answers is refused by name instead of waiting forever for a writer", async () => {
    const copy = copyKnowledge();
    rmSync(join(copy.dir, "cento/local.yaml"));
    await run("mkfifo", [join(copy.dir, "cento/local.yaml")]);
    const { errors } = checkKnowledge(copy.dir, "cento", { routeExamples: false });
    expect(errors.map((p) => formatProblem(i18n, p, "en"))).toEqual(["cento/local.yaml: the file is missing or cannot be read."]);
  });
});

describe("YAML nested thousands of levels deep", () => {
  it("is refused by line and column before it is parsed into a document, however often it comes", () => {
    // Two such files in a row used to crash the whole process inside V8's regular expression compiler.
    for (const depth of [10_000, 100_000, 100_000]) {
      const dir = mkdtempSync(join(tmpdir(), "deep-"));
      writeFileSync(join(dir, "deep.yaml"), `entries: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
      const problems = problemsReading(join(dir, "deep.yaml"));
      expect(problems).toEqual([expect.objectContaining({ code: "tooDeep", line: 1, column: 10 + 31 })]);
    }
  });
});

function problemsReading(path: string): KnowledgeProblem[] {
  try {
    readYamlFile(path, "cento/entries/zz-prova.yaml");
  } catch (error) {
    if (error instanceof KnowledgeLoadError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("YAML syntax errors in words staff understand, where the mistake is", () => {
  const dir = mkdtempSync(join(tmpdir(), "yaml-shapes-"));
  const HEAD = "entries:\n  - id: prova\n";

  it.each([
    ["an unclosed double quote", `${HEAD}    topic: "policy.hours\n    answer: x\n`, "yamlUnclosedQuote", 3, 12, "le virgolette (\") aperte qui non si chiudono"],
    ["an unclosed quote followed by more entries", `${HEAD}    topic: "policy.hours\n    answer: x\n  - id: altra\n    topic: "a"\n`, "yamlUnclosedQuote", 3, 12, "non si chiudono"],
    ["an unclosed single quote after an escaped one", `${HEAD}    answer: 'l''URP\n    topic: x\n`, "yamlUnclosedQuote", 3, 13, "le virgolette (') aperte qui"],
    ["an unclosed bracket at the end of the file", `${HEAD}    topic: [policy.hours\n`, "yamlUnclosedBracket", 3, 12, "la parentesi [ aperta qui non si chiude. Aggiungi ]"],
    ["an unclosed brace before the next field", `${HEAD}    title: { it: a, en: b\n    answer: x\n`, "yamlUnclosedBracket", 3, 12, "la parentesi { aperta qui non si chiude. Aggiungi }"],
    ["a field indented one space too far", `${HEAD}     topic: policy.hours\n`, "yamlIndentation", 3, 6, "il rientro di questa riga è sbagliato"],
    ["a field indented one space too little", `${HEAD}   topic: policy.hours\n`, "yamlIndentation", 3, 4, "il rientro di questa riga è sbagliato"],
    ["a field out of its entry", `${HEAD}  topic: policy.hours\n`, "yamlIndentation", 3, 3, "il rientro"],
    ["a list item out of line", `${HEAD}    examples:\n      it:\n      - a\n     - b\n`, "yamlIndentation", 6, 6, "il rientro"],
    ["a key without its colon", `${HEAD}    topic policy.hours\n    answer: x\n`, "yamlKeyWithoutValue", 3, 5, "un nome di campo senza i due punti"],
    ["a key without its colon on the last line", `${HEAD}    answer: x\n    topic policy.hours\n`, "yamlKeyWithoutValue", 4, 5, "senza i due punti"],
    ["a colon inside a text", `${HEAD}    answer: Orari: dalle 9 alle 12\n`, "yamlColonInValue", 3, 13, "il testo contiene «: »"],
    ["a duplicate key", `${HEAD}    id: altra\n`, "yamlDuplicateKey", 3, 5, "il campo «id» compare due volte"],
    ["a tab in the indentation", `${HEAD}\ttopic: policy.hours\n`, "yamlTab", 3, 1, "tabulatore"],
    ["a tab after spaces", `${HEAD}    \ttopic: policy.hours\n`, "yamlTab", 3, 5, "tabulatore"],
    ["a text starting with @", `${HEAD}    answer: @comunedicento su Instagram\n`, "yamlReservedStart", 3, 13, "non può cominciare con «@»"],
    ["a text starting with *", `${HEAD}    answer: *importante* leggere\n`, "yamlReservedStart", 3, 13, "non può cominciare con «*»"],
    ["a text that is only starred", `${HEAD}    answer: *importante*\n`, "yamlReservedStart", 3, 13, "«*»"],
    ["a text starting with !", `${HEAD}    answer: !Attenzione uffici chiusi\n`, "yamlReservedStart", 3, 13, "«!»"],
    ["a text starting with &", `${HEAD}    answer: &egrave; chiuso\n`, "yamlReservedStart", 3, 13, "«&»"],
    ["text after a closing quote", `${HEAD}    answer: "Ciao" a tutti\n`, "yamlTextAfterQuote", 3, 20, "dopo le virgolette chiuse"],
    ["a --- line", `${HEAD}    topic: policy.hours\n---\n  - id: altra\n`, "yamlMultipleDocuments", 4, 1, "la riga «---» divide il file"],
  ])("%s", (_name, yaml, code, line, column, words) => {
    const path = join(dir, `${code}-${line}-${column}.yaml`);
    writeFileSync(path, yaml);
    const problems = problemsReading(path);
    expect(problems).toEqual([expect.objectContaining({ code, file: "cento/entries/zz-prova.yaml", line, column })]);
    const message = formatProblem(i18n, problems[0]!, "it");
    expect(message).toContain(`cento/entries/zz-prova.yaml, riga ${line}, colonna ${column}: `);
    expect(message).toContain(words);
    expect(message).not.toMatch(/[A-Z]{3,}_[A-Z_]+|\{\{/);
    expect(formatProblem(i18n, problems[0]!, "en")).toContain(`line ${line}, column ${column}: `);
  });

  it("valid quoting of the same texts loads", () => {
    const path = join(dir, "valid.yaml");
    writeFileSync(path, `${HEAD}    answer: "Orari: dalle 9 alle 12, scrivi a @comunedicento, *importante*"\n    note: 'l''URP'\n`);
    const yaml = readYamlFile(path, "cento/entries/zz-prova.yaml");
    expect(yaml.data).toEqual({ entries: [{ id: "prova", answer: "Orari: dalle 9 alle 12, scrivi a @comunedicento, *importante*", note: "l'URP" }] });
  });
});

describe("npm run knowledge:check", () => {
  it("gives the details of a file the bot refuses", async () => {
    const copy = copyKnowledge();
    copy.write("cento/entries/zz-latin1.yaml", Buffer.from(`entries:\n${ENTRY("perche", "Perché sì.")}`, "latin1"));
    const failed = await run("npx", ["tsx", "scripts/knowledgeCheck.ts", "--dir", copy.dir, "--comune", "cento"], { cwd: ROOT }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain("cento/entries/zz-latin1.yaml, riga 9, colonna 16: il file non è salvato in UTF-8");
  });
});
