import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { KnowledgeLoadError, type KnowledgeProblem } from "./knowledgeProblem.js";
import type { YamlFile } from "./readYamlFile.js";
import { corpusFileSchema, type Entry } from "./schema.js";
import type { Topic } from "./topics.js";
import { validateWithSchema } from "./validateWithSchema.js";
import { LANGUAGES, type Language } from "../text/stemWord.js";

/** How citizens write about one entry, in both languages: shared by every comune that has the entry. */
export interface CorpusEntry {
  readonly topic: Topic;
  readonly file: Readonly<Record<Language, string | undefined>>;
  readonly keywords: Readonly<Record<Language, readonly string[]>>;
  readonly signals: Readonly<Record<Language, readonly string[]>>;
  readonly examples: Readonly<Record<Language, readonly string[]>>;
}

export interface CorpusReading {
  readonly corpus: ReadonlyMap<string, CorpusEntry>;
  readonly problems: readonly KnowledgeProblem[];
}

/**
 * Reads knowledge/corpus/<language>/*.yaml: the routing examples, keywords and signals written once
 * for every comune. `read` hashes what it reads, so the knowledge version follows the corpus too.
 */
export function loadCorpus(root: string, read: (file: string) => YamlFile): CorpusReading {
  const corpus = new Map<string, { topic: Topic; file: Record<Language, string | undefined>; keywords: Record<Language, string[]>; signals: Record<Language, string[]>; examples: Record<Language, string[]> }>();
  const problems: KnowledgeProblem[] = [];
  for (const language of LANGUAGES) {
    const dir = join(root, "corpus", language);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
      const relative = join("corpus", language, name);
      let yaml: YamlFile;
      try {
        yaml = read(relative);
      } catch (error) {
        if (error instanceof KnowledgeLoadError) {
          problems.push(...error.problems);
          continue;
        }
        throw error;
      }
      const parsed = validateWithSchema(yaml, corpusFileSchema);
      if (!parsed.value) {
        problems.push(...parsed.problems);
        continue;
      }
      const { entry, topic, keywords, signals = [], batches } = parsed.value;
      const known = corpus.get(entry);
      if (known && known.topic !== topic) {
        problems.push(yaml.problemAt(["topic"], "corpusTopicMismatch", { entry, topic, other: known.topic }));
        continue;
      }
      if (known?.file[language]) {
        problems.push(yaml.problemAt(["entry"], "duplicateCorpusEntry", { entry, other: known.file[language]! }));
        continue;
      }
      const target = known ?? { topic, file: { it: undefined, en: undefined }, keywords: { it: [], en: [] }, signals: { it: [], en: [] }, examples: { it: [], en: [] } };
      target.file[language] = relative;
      target.keywords[language].push(...keywords);
      target.signals[language].push(...signals);
      for (const batch of batches) target.examples[language].push(...batch.examples);
      corpus.set(entry, target);
    }
  }
  return { corpus, problems };
}

/**
 * An entry as the router sees it: the shared corpus for its id first, then the comune's own local
 * words. The entry's topic must match the corpus's, or the corpus would teach the wrong answer.
 */
export function withCorpus(entry: Entry, corpus: ReadonlyMap<string, CorpusEntry>): Entry {
  const shared = corpus.get(entry.id);
  if (!shared) return entry;
  const merge = (a: readonly string[], b: readonly string[] | undefined) => [...new Set([...a, ...(b ?? [])])];
  return {
    ...entry,
    keywords: { it: merge(shared.keywords.it, entry.keywords.it), en: merge(shared.keywords.en, entry.keywords.en) },
    examples: { it: merge(shared.examples.it, entry.examples.it), en: merge(shared.examples.en, entry.examples.en) },
    signals: { it: merge(shared.signals.it, entry.signals?.it), en: merge(shared.signals.en, entry.signals?.en) },
  };
}
