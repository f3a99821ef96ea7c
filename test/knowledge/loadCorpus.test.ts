import { describe, expect, it } from "vitest";
import { inspectKnowledge, loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { COMUNI } from "../support/realKnowledge.js";

describe("the shared corpus (knowledge/corpus/<lang>/<entry>.yaml)", () => {
  it("teaches every comune that has the entry", () => {
    const copy = copyKnowledge();
    copy.write(
      "corpus/it/report.yaml",
      `${copy.read("corpus/it/report.yaml")}\n  - source: "Prova. Scritto senza vedere il router né gli altri esempi di questo tema."\n    examples:\n      - "il tombino di via dei Tigli trabocca di foglie"\n`,
    );
    for (const comune of COMUNI) {
      const report = loadKnowledge(copy.dir, comune).entries.find((e) => e.id === "report")!;
      expect(report.examples.it).toContain("il tombino di via dei Tigli trabocca di foglie");
    }
  });

  it("keeps a comune's local examples beside the shared ones", () => {
    const report = loadKnowledge(copyKnowledge().dir, "cento").entries.find((e) => e.id === "report")!;
    expect(report.examples.it.some((e) => e.includes("Casumaro"))).toBe(true);
    expect(report.examples.it.length).toBeGreaterThan(100);
  });

  it("refuses a corpus whose topic differs from the entry's, naming the file and line", () => {
    const copy = copyKnowledge();
    copy.write("corpus/en/report.yaml", copy.read("corpus/en/report.yaml").replace("topic: redirect.report", "topic: redirect.info"));
    const { knowledge, problems } = inspectKnowledge(copy.dir, "cento");
    expect(knowledge).toBeUndefined();
    expect(problems).toContainEqual(expect.objectContaining({ code: "corpusTopicMismatch", params: expect.objectContaining({ entry: "report" }) }));
  });

  it("refuses two corpus files for the same entry and language", () => {
    const copy = copyKnowledge();
    copy.write("corpus/it/report-copy.yaml", copy.read("corpus/it/report.yaml"));
    const { problems } = inspectKnowledge(copy.dir, "mezzago");
    expect(problems).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/^corpus.it.report(-copy)?\.yaml$/), code: "duplicateCorpusEntry" }));
  });
});
