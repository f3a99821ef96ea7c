import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { checkKnowledge } from "../../src/knowledge/checkKnowledge.js";
import type { KnowledgeProblem } from "../../src/knowledge/knowledgeProblem.js";
import { loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { normalizeWords } from "../../src/text/lexicon.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";

const FILE = "cento/entries/zz-fixes.yaml";
/**
 * An entry whose examples the shipped entries answer, for the reasons a fix has to address: words the
 * hours entry owns, a theft (a safety answer's signal wins), no words at all. One example is already
 * answered by its own keywords, and one of its keywords is a pair of the example's words.
 */
const ENTRIES = `entries:
  - id: zanzibar-one
    topic: policy.hours
    keywords:
      it: [zanzibar, rispondete domenica]
    examples:
      it:
        - "zanzibar"
        - "a che ora rispondete su facebook la domenica?"
        - "?!"
        - "mi hanno rubato la bici a zanzibar"
        - "quando rispondete ai messaggi"
    answer:
      it: Rispondiamo {{monitoredHours.label}}.
      en: We answer {{monitoredHours.label}}.
`;

/** The place of an example, read back from the field of its warning: entries[0].examples.it[2]. */
function exampleAt(problem: KnowledgeProblem): { entry: number; language: "it" | "en"; index: number } {
  const match = /^entries\[(\d+)\]\.examples\.(it|en)\[(\d+)\]$/.exec(problem.field);
  if (!match) throw new Error(`not an example: ${problem.field}`);
  return { entry: Number(match[1]), language: match[2] as "it" | "en", index: Number(match[3]) };
}

/** Edits one YAML file of the copy as a member of staff would. */
function editYaml(dir: string, file: string, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(readFileSync(join(dir, file), "utf8"));
  edit(doc);
  writeFileSync(join(dir, file), doc.toString());
}

/** Applies the fix a warning suggests, in the YAML files, exactly as its message says. */
function applyFix(dir: string, problem: KnowledgeProblem): void {
  const { entry, language, index } = exampleAt(problem);
  const { fix, fixText, fixTo, example } = problem.params;
  if (fix === "keyword" || fix === "signal") {
    const path = ["entries", entry, fix === "keyword" ? "keywords" : "signals", language];
    editYaml(dir, problem.file, (doc) => (doc.hasIn(path) ? doc.addIn(path, fixText) : doc.setIn(path, doc.createNode([fixText]))));
  } else if (fix === "remove" || fix === "move") {
    editYaml(dir, problem.file, (doc) => doc.deleteIn(["entries", entry, "examples", language, index]));
    if (fix === "move") {
      const target = String(fixTo);
      const file = loadKnowledge(dir, "cento").sources.get(target)!.file;
      editYaml(dir, file, (doc) => {
        const entries = (doc.toJS() as { entries: Array<{ id: string }> }).entries;
        const at = entries.findIndex((e) => e.id === target);
        const path = ["entries", at, "examples", language];
        if (doc.hasIn(path)) doc.addIn(path, example);
        else doc.setIn(path, doc.createNode([example]));
      });
    }
  } else {
    throw new Error(`no fix in ${JSON.stringify(problem.params)}`);
  }
}

describe("the fix each routing warning suggests", () => {
  const base = copyKnowledge();
  base.write(FILE, ENTRIES);
  const warnings = checkKnowledge(base.dir, "cento").warnings.filter((w) => w.file === FILE);
  const lexicon = loadKnowledge(base.dir, "cento").lexicon;

  it("is there for every warning, of every kind the examples call for", () => {
    expect(warnings.length).toBeGreaterThanOrEqual(3);
    expect(new Set(warnings.map((w) => w.params.fix))).toEqual(new Set(["keyword", "move", "remove"]));
    const theft = warnings.find((w) => w.params.example === "mi hanno rubato la bici a zanzibar");
    // A theft goes to the crime answer by its signal: no keyword can win it back.
    expect(theft?.params).toMatchObject({ fix: "move", fixTo: "crime" });
  });

  it("never suggests a keyword the entry already has", () => {
    const have = new Set(["zanzibar", "rispondete domenica"].map((k) => normalizeWords(k, lexicon).join(" ")));
    for (const w of warnings.filter((w) => w.params.fix === "keyword")) expect(have).not.toContain(normalizeWords(String(w.params.fixText), lexicon).join(" "));
  });

  it.each(warnings.map((w) => [String(w.params.fix), String(w.params.example), w] as const))(
    "%s for «%s» clears that warning when applied to the files",
    (_fix, example, warning) => {
      const copy = copyKnowledge();
      copy.write(FILE, ENTRIES);
      applyFix(copy.dir, warning);
      const { errors, warnings: after } = checkKnowledge(copy.dir, "cento", { suggestFixes: false });
      expect(errors).toEqual([]);
      expect(after.filter((w) => w.params.example === example && w.code.startsWith("example"))).toEqual([]);
    },
    120_000,
  );
});
