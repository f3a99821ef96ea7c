import { resolve } from "node:path";
import { createI18n } from "../../src/i18n.js";
import { createKnowledgeBundle, type KnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import { listComuni, loadKnowledge } from "../../src/knowledge/loadKnowledge.js";

/**
 * The shipped knowledge; TEST_KNOWLEDGE_DIR points the tests at a copy instead (a test proves that a
 * new comune's folder gets its own tests, without leaving a folder in knowledge/).
 */
export const KNOWLEDGE_DIR = process.env.TEST_KNOWLEDGE_DIR ? resolve(process.env.TEST_KNOWLEDGE_DIR) : resolve(import.meta.dirname, "../../knowledge");
export const LOCALES_DIR = resolve(import.meta.dirname, "../../locales");
export const i18n = createI18n(LOCALES_DIR);

/**
 * Every comune with a folder under knowledge/: tests that loop over comuni take this list, so a new
 * comune's folder is tested as soon as it exists (and `vitest -t <id>` selects its tests).
 */
export const COMUNI: readonly string[] = listComuni(KNOWLEDGE_DIR);

const bundles = new Map<string, KnowledgeBundle>();

/** The shipped knowledge of a comune, loaded from the real YAML files once per test file. */
export function realBundle(comune: string): KnowledgeBundle {
  let bundle = bundles.get(comune);
  if (!bundle) {
    bundle = createKnowledgeBundle(loadKnowledge(KNOWLEDGE_DIR, comune), i18n);
    bundles.set(comune, bundle);
  }
  return bundle;
}
