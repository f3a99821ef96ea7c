import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import { listComuni, loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { KNOWLEDGE_DIR, i18n } from "../support/realKnowledge.js";

const COMUNI = listComuni(KNOWLEDGE_DIR);

describe("answers never lean on how a name is spelt", () => {
  it.each(["defaults/answers.yaml", ...COMUNI.map((c) => `${c}/answers.yaml`)])("%s puts no article before a {{reference}}", (file) => {
    const text = readFileSync(join(KNOWLEDGE_DIR, file), "utf8");
    expect(text.match(/\b\p{L}+['’]\{\{[^}]+\}\}/gu) ?? []).toEqual([]);
  });

  it("the defaults put no Italian article before the comune's name, which may not be «Comune di …»", () => {
    const text = readFileSync(join(KNOWLEDGE_DIR, "defaults/answers.yaml"), "utf8");
    expect(text.match(/\b(?:il|lo|la|del|dello|della|dal|al|nel|sul) \{\{name\}\}/giu) ?? []).toEqual([]);
  });

  it("an office name with parentheses reads cleanly in every answer", () => {
    // Mezzago's contact office renamed with parentheses, as Cento's URP is: no ") (" nor "a URP" in any reply.
    const copy = copyKnowledge();
    const profile = copy.read("mezzago/profile.yaml").replace("it: Ufficio Segreteria", "it: URP (Ufficio Relazioni con il Pubblico)");
    copy.write("mezzago/profile.yaml", profile);
    const bundle = createKnowledgeBundle(loadKnowledge(copy.dir, "mezzago"), i18n);
    for (const entry of bundle.knowledge.entries) {
      for (const language of ["it", "en"] as const) {
        const text = bundle.composer.answer(entry, language).text;
        expect(text, `${entry.id}/${language}`).not.toMatch(/\)\s*\(/);
        expect(text, `${entry.id}/${language}`).not.toMatch(/\b(?:a|da|di|all['’]|l['’]|dell['’]) URP \(/);
      }
    }
  });
});
