import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { KnowledgeProblem } from "./knowledgeProblem.js";
import type { YamlFile } from "./readYamlFile.js";
import {
  answersFileSchema,
  entriesFileSchema,
  localWordsSchema,
  type AnswerOverride,
  type Entry,
  type Profile,
} from "./schema.js";
import { validateWithSchema } from "./validateWithSchema.js";

/** Where defaults live, relative to the knowledge root. */
export const DEFAULTS_FILE = join("defaults", "answers.yaml");

type Params = Record<string, string | number>;
type At = (path: readonly PropertyKey[], code: string, params?: Params) => KnowledgeProblem;

/** One merged entry, with a way to point at the file and line each of its fields comes from. */
export interface MergedEntry {
  readonly entry: Entry;
  readonly file: string;
  readonly line: number;
  readonly at: At;
}

type Collect = <T>(fn: () => T) => T | undefined;

/**
 * The profile as answers see it: every profile field, plus `contact`, the comune's contact office
 * (its phone falling back to the freephone), so that defaults can name it without knowing its key.
 */
export function profileFacts(profile: Profile): Profile & { contact: Record<string, unknown> } {
  const office = profile.offices[profile.contactOffice];
  return { ...profile, contact: office ? { ...office, phone: office.phone ?? office.freephone } : {} };
}

/**
 * A comune's entries: every default entry, each field the comune's answers file gives replacing the
 * default's, the comune's own entries after them, and the comune's local words added to each.
 */
export function mergeAnswers(
  root: string,
  comune: string,
  read: (file: string) => YamlFile,
  collect: Collect,
): { entries: MergedEntry[]; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const merged = new Map<string, { entry: Entry; file: string; line: number; at: At }>();

  const defaultsFile = collect(() => read(DEFAULTS_FILE));
  const defaults = defaultsFile && validateWithSchema(defaultsFile, entriesFileSchema);
  if (defaults) problems.push(...defaults.problems);
  defaults?.value?.entries.forEach((entry, index) => {
    const at: At = (path, code, params) => defaultsFile!.problemAt(["entries", index, ...path], code, params);
    const line = at([], "duplicateId").line;
    const earlier = merged.get(entry.id);
    if (earlier) problems.push(at(["id"], "duplicateId", { id: entry.id, other: `${earlier.file}:${earlier.line}` }));
    else merged.set(entry.id, { entry, file: defaultsFile!.file, line, at });
  });

  const dir = join(root, comune, "entries");
  const answerFiles = [
    ...(existsSync(join(root, comune, "answers.yaml")) ? [join(comune, "answers.yaml")] : []),
    // A comune with many answers of its own may split them into entries/*.yaml, same format.
    ...(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(comune, "entries", f)) : []),
  ];
  const overridden = new Map<string, string>();
  for (const name of answerFiles) {
    const file = collect(() => read(name));
    if (!file) continue;
    const parsed = validateWithSchema(file, answersFileSchema);
    problems.push(...parsed.problems);
    parsed.value?.entries.forEach((override, index) => {
      const here: At = (path, code, params) => file.problemAt(["entries", index, ...path], code, params);
      const line = here([], "duplicateId").line;
      const earlier = overridden.get(override.id);
      if (earlier) {
        problems.push(here(["id"], "duplicateId", { id: override.id, other: earlier }));
        return;
      }
      overridden.set(override.id, `${file.file}:${line}`);
      const base = merged.get(override.id);
      if (base) {
        const fields = new Set(Object.keys(override).filter((k) => k !== "id"));
        const at: At = (path, code, params) => (fields.has(String(path[0])) ? here(path, code, params) : base.at(path, code, params));
        merged.set(override.id, { entry: applyOverride(base.entry, override), file: file.file, line, at });
        return;
      }
      const whole = wholeEntry(override);
      if (!whole) {
        // Without valid defaults, an override cannot be told from an incomplete entry: the defaults' problem is enough.
        if (defaults?.value) for (const field of ["topic", "answer"] as const) if (!override[field]) problems.push(here([field], "missing"));
        return;
      }
      merged.set(override.id, { entry: whole, file: file.file, line, at: here });
    });
  }

  const localName = join(comune, "local.yaml");
  if (existsSync(join(root, localName))) {
    const file = collect(() => read(localName));
    const parsed = file && validateWithSchema(file, localWordsSchema);
    if (parsed) problems.push(...parsed.problems);
    for (const [id, words] of Object.entries(parsed?.value ?? {})) {
      const target = merged.get(id);
      if (!target) {
        if (defaults?.value) problems.push(file!.problemAt([id], "unknownEntry", { id }));
        continue;
      }
      const add = (a: Entry["keywords"], b: Entry["keywords"] | undefined) => ({ it: [...a.it, ...(b?.it ?? [])], en: [...a.en, ...(b?.en ?? [])] });
      const before = { keywords: target.entry.keywords, examples: target.entry.examples };
      target.entry = { ...target.entry, keywords: add(target.entry.keywords, words.keywords), examples: add(target.entry.examples, words.examples) };
      // A local word is pointed at in local.yaml, where it is written, not in the entry it joins.
      const entryAt = target.at;
      target.at = (path, code, params) => {
        const [field, language, index] = path;
        if ((field === "examples" || field === "keywords") && (language === "it" || language === "en") && typeof index === "number") {
          const offset = before[field][language].length;
          if (index >= offset) return file!.problemAt([id, field, language, index - offset, ...path.slice(3)], code, params);
        }
        return entryAt(path, code, params);
      };
    }
  }
  return { entries: [...merged.values()], problems };
}

function applyOverride(base: Entry, override: AnswerOverride): Entry {
  const entry: Entry = { ...base };
  for (const [key, value] of Object.entries(override)) if (value !== undefined) (entry as Record<string, unknown>)[key] = value;
  return entry;
}

function wholeEntry(o: AnswerOverride): Entry | undefined {
  if (!o.topic || !o.answer) return undefined;
  return {
    ...o,
    topic: o.topic,
    answer: o.answer,
    keywords: o.keywords ?? { it: [], en: [] },
    examples: o.examples ?? { it: [], en: [] },
    actions: o.actions ?? [],
  };
}
