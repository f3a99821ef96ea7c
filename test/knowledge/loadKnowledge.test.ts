import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/knowledge/formatProblem.js";
import { KnowledgeLoadError, type KnowledgeProblem } from "../../src/knowledge/knowledgeProblem.js";
import { listComuni, loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { TOPICS } from "../../src/knowledge/topics.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { COMUNI, KNOWLEDGE_DIR, i18n } from "../support/realKnowledge.js";

const ENTRY = (fields: string) => `entries:
  - id: prova
    topic: policy.hours
    examples:
      it: [quando rispondete]
      en: [when do you answer]
    answer:
      it: Rispondiamo {{monitoredHours.label}}.
      en: We answer {{monitoredHours.label}}.
${fields}`;

function problemsOf(load: () => unknown): KnowledgeProblem[] {
  try {
    load();
  } catch (error) {
    if (error instanceof KnowledgeLoadError) return [...error.problems];
    throw error;
  }
  throw new Error("expected the knowledge to be rejected");
}

describe("the shipped knowledge", () => {
  it("lists the shipped comuni, and the tests loop over the same list", () => {
    expect(listComuni(KNOWLEDGE_DIR)).toEqual(expect.arrayContaining(["cento", "mezzago"]));
    expect(COMUNI).toEqual(listComuni(KNOWLEDGE_DIR));
  });

  it("lists a comune copied under a new id, and not a folder without a profile", () => {
    const copy = copyKnowledge();
    cpSync(join(copy.dir, "mezzago"), join(copy.dir, "nuovocomune"), { recursive: true });
    mkdirSync(join(copy.dir, "bozza"));
    expect(listComuni(copy.dir)).toEqual([...listComuni(KNOWLEDGE_DIR), "nuovocomune"].sort());
    expect(loadKnowledge(copy.dir, "nuovocomune").comune).toBe("nuovocomune");
  });

  it.each(COMUNI)("loads %s and covers every topic", (comune) => {
    const knowledge = loadKnowledge(KNOWLEDGE_DIR, comune);
    const topics = new Set(knowledge.entries.map((e) => e.topic));
    expect(TOPICS.filter((t) => !topics.has(t))).toEqual([]);
    expect(knowledge.version).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("when a knowledge file is broken", () => {
  it.each([
    ["an unknown topic", ENTRY("").replace("policy.hours", "policy.orari"), "unknownTopic", 3, "entries[0].topic"],
    ["a missing Italian answer", ENTRY("").replace("      it: Rispondiamo {{monitoredHours.label}}.\n", ""), "missing", 7, "entries[0].answer.it"],
    ["a reference to a missing profile field", ENTRY("").replace("monitoredHours.label}}.\n      en", "offices.urp.pec}}.\n      en"), "unknownReference", 8, "entries[0].answer.it"],
    ["a misspelt field", ENTRY("    anwser: ciao\n"), "unknownField", 10, "entries[0].anwser"],
    ["a button title over 20 characters", ENTRY("    actions:\n      - type: url\n        target: website\n        title: { it: Apri il sito del comune adesso, en: Website }\n"), "tooLong", 13, "entries[0].actions[0].title.it"],
    ["a button with no target in the profile", ENTRY("    actions:\n      - type: call\n        target: offices.urp.email\n        title: { it: Chiama, en: Call }\n"), "badActionTarget", 12, "entries[0].actions[0].target"],
    ["a YAML syntax error", "entries:\n  - id: prova\n    topic: [policy.hours\n", "yamlUnclosedBracket", 3, ""],
  ])("%s is named with file, line and field", (_name, yaml, code, line, field) => {
    const copy = copyKnowledge();
    copy.write("cento/entries/zz-prova.yaml", yaml);
    const problems = problemsOf(() => loadKnowledge(copy.dir, "cento"));
    const problem = problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem).toMatchObject({ file: "cento/entries/zz-prova.yaml", line, field });
    expect(formatProblem(i18n, problem!, "it")).toContain(`cento/entries/zz-prova.yaml, riga ${line}`);
  });

  it("a duplicate id names both places", () => {
    const copy = copyKnowledge();
    const shipped = loadKnowledge(copy.dir, "cento");
    const first = shipped.entries.find((e) => shipped.sources.get(e.id)?.file === "cento/answers.yaml")!;
    copy.write("cento/entries/zz-prova.yaml", ENTRY("").replace("id: prova", `id: ${first.id}`));
    const [problem] = problemsOf(() => loadKnowledge(copy.dir, "cento"));
    expect(problem).toMatchObject({ code: "duplicateId", file: "cento/entries/zz-prova.yaml", line: 2 });
    expect(formatProblem(i18n, problem!, "en")).toMatch(/already used in cento\/[\w/]+\.yaml:\d+/);
  });

  it("a malformed phone number in the profile names the profile line", () => {
    const copy = copyKnowledge();
    copy.write("mezzago/profile.yaml", copy.read("mezzago/profile.yaml").replace('phone: "039 606761"', 'phone: "039-606761 int. 2"'));
    const problems = problemsOf(() => loadKnowledge(copy.dir, "mezzago"));
    expect(problems).toContainEqual(expect.objectContaining({ file: "mezzago/profile.yaml", code: "badPhone", field: "offices.segreteria.phone" }));
  });
});

describe("a comune over the defaults", () => {
  it("takes each field it gives and keeps the defaults' others", () => {
    const copy = copyKnowledge();
    copy.write("mezzago/answers.yaml", 'entries:\n  - id: ads\n    answer: { it: "Nessuna pubblicità, {{name}}.", en: "No ads, {{name}}." }\n');
    const ads = loadKnowledge(copy.dir, "mezzago").entries.find((e) => e.id === "ads")!;
    const defaults = loadKnowledge(KNOWLEDGE_DIR, "mezzago").entries.find((e) => e.id === "ads")!;
    expect(ads.answer.it).toBe("Nessuna pubblicità, {{name}}.");
    expect({ topic: ads.topic, actions: ads.actions }).toEqual({ topic: defaults.topic, actions: defaults.actions });
  });

  it("names file, line and field of a mistake in an override, in local words, or in an entry of its own", () => {
    const copy = copyKnowledge();
    copy.write("mezzago/answers.yaml", "entries:\n  - id: ads\n    anwser: { it: a, en: b }\n  - id: tutta-nuova\n    answer: { it: a, en: b }\n");
    copy.write("mezzago/local.yaml", "reprot:\n  keywords: { it: [buca] }\n");
    const problems = problemsOf(() => loadKnowledge(copy.dir, "mezzago"));
    expect(problems.map((p) => [p.code, p.file, p.line, p.field])).toEqual([
      ["unknownField", "mezzago/answers.yaml", 3, "entries[0].anwser"],
      ["unknownEntry", "mezzago/local.yaml", 2, "reprot"],
    ]);
    copy.write("mezzago/answers.yaml", "entries:\n  - id: tutta-nuova\n    answer: { it: a, en: b }\n");
    copy.write("mezzago/local.yaml", "{}\n");
    const own = problemsOf(() => loadKnowledge(copy.dir, "mezzago"));
    expect(own.map((p) => [p.code, p.file, p.line, p.field])).toEqual([["missing", "mezzago/answers.yaml", 2, "entries[0].topic"]]);
  });
});
