import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkKnowledge } from "../../src/knowledge/checkKnowledge.js";
import { formatProblem } from "../../src/knowledge/formatProblem.js";
import { TOPICS } from "../../src/knowledge/topics.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { KNOWLEDGE_DIR, LOCALES_DIR, i18n } from "../support/realKnowledge.js";

const guide = readFileSync(resolve(KNOWLEDGE_DIR, "README.md"), "utf8");
const messages = JSON.parse(readFileSync(resolve(LOCALES_DIR, "it/knowledge.json"), "utf8")) as Record<string, unknown>;
const yamlBlocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("the staff guide (knowledge/README.md)", () => {
  it.each(Object.keys(messages).filter((key) => typeof messages[key] === "string" && key !== "location"))("explains the message %s", (code) => {
    expect(guide).toContain(`| \`${code}\` —`);
  });

  it("lists every topic", () => {
    for (const topic of TOPICS) expect(guide).toContain(`| \`${topic}\` |`);
  });

  it("has an example and a copy-paste template that load without errors", () => {
    const [example, , template] = yamlBlocks;
    expect(template).toContain("- id: nuova-risposta");
    const copy = copyKnowledge();
    copy.write("cento/entries/zz-example.yaml", example!);
    copy.write("cento/entries/zz-template.yaml", `entries:\n${template!}`);
    const { errors } = checkKnowledge(copy.dir, "cento", { routeExamples: false });
    expect(errors.map((p) => formatProblem(i18n, p))).toEqual([]);
  });

  it("shows a comune's override and local words that load, field by field over the defaults", () => {
    const override = yamlBlocks.find((block) => block.startsWith("entries:\n  - id: reuse"));
    const local = yamlBlocks.find((block) => block.startsWith("report:"));
    const copy = copyKnowledge();
    copy.write("cento/answers.yaml", override!);
    copy.write("cento/local.yaml", local!);
    const { errors, knowledge } = checkKnowledge(copy.dir, "cento", { routeExamples: false });
    expect(errors.map((p) => formatProblem(i18n, p))).toEqual([]);
    const reuse = knowledge?.entries.find((e) => e.id === "reuse");
    expect(reuse?.answer.it).toContain("CC BY-ND 3.0");
    expect(reuse?.topic).toBe("policy.reuse");
    expect(knowledge?.entries.find((e) => e.id === "report")?.examples.it).toContain("lampione spento da una settimana a Renazzo");
  });

  it("shows a notice that the profile accepts", () => {
    const notice = yamlBlocks.find((block) => block.startsWith("notice:"));
    const copy = copyKnowledge();
    copy.write("mezzago/profile.yaml", `${copy.read("mezzago/profile.yaml")}\n${notice!}`);
    const { errors, knowledge } = checkKnowledge(copy.dir, "mezzago", { routeExamples: false });
    expect(errors.map((p) => formatProblem(i18n, p))).toEqual([]);
    expect(knowledge?.profile.notice?.from).toBe("2026-12-01T08:00:00+01:00");
  });
});
