import { resolve } from "node:path";
import { createI18n } from "../../src/i18n.js";
import { createKnowledgeBundle, type KnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import { loadKnowledge } from "../../src/knowledge/loadKnowledge.js";

export const KNOWLEDGE_DIR = resolve(import.meta.dirname, "../../knowledge");
export const LOCALES_DIR = resolve(import.meta.dirname, "../../locales");
export const i18n = createI18n(LOCALES_DIR);

const bundles = new Map<string, KnowledgeBundle>();

/** The shipped knowledge of a comune, loaded from the real YAML files once per test file. */
export function realBundle(comune: "cento" | "mezzago"): KnowledgeBundle {
  let bundle = bundles.get(comune);
  if (!bundle) {
    bundle = createKnowledgeBundle(loadKnowledge(KNOWLEDGE_DIR, comune), i18n);
    bundles.set(comune, bundle);
  }
  return bundle;
}
