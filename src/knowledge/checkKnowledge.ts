import { join } from "node:path";
import { Router } from "../routing/router.js";
import { foldText } from "../text/foldText.js";
import { commandOf } from "../text/lexicon.js";
import { LANGUAGES } from "../text/stemWord.js";
import { landsOnOwn, suggestFix, type ExampleFix } from "./exampleFixes.js";
import { foreignMentions, namesInDefaults, namesInEveryAnswer, textsOf } from "./foreignMentions.js";
import { DEFAULTS_FILE } from "./mergeAnswers.js";
import { entriesFileSchema } from "./schema.js";
import { KnowledgeLoadError, fieldPath, type KnowledgeProblem } from "./knowledgeProblem.js";
import { inspectKnowledge, listComuni, type Knowledge, type LocatedEntry } from "./loadKnowledge.js";
import { readYamlFile } from "./readYamlFile.js";

/** What knowledge:check found for one comune. */
export interface KnowledgeCheck {
  readonly comune: string;
  /** the knowledge, when there is no error */
  readonly knowledge: Knowledge | undefined;
  /** the bot refuses knowledge with any of these */
  readonly errors: readonly KnowledgeProblem[];
  /** the bot works, but the knowledge contradicts or repeats itself */
  readonly warnings: readonly KnowledgeProblem[];
  /** facts the profile lacks, which the bot works around (and says how) */
  readonly notes: readonly KnowledgeProblem[];
}

/**
 * Everything the loader checks, plus what needs all entries of a comune at once: the same example
 * question in two entries is an error; an example the router answers with another entry, or not
 * at all, is a warning; so is a text that names what belongs to another comune of the same knowledge
 * folder. `routeExamples: false` skips both (for reloads, which need no warnings). Each routing
 * warning carries a fix tried on the real router; `suggestFixes: false` leaves it out (each costs
 * a retraining of the routing model).
 */
export function checkKnowledge(root: string, comune: string, options: { routeExamples?: boolean; suggestFixes?: boolean } = {}): KnowledgeCheck {
  const inspection = inspectKnowledge(root, comune);
  const duplicates = duplicateExamples(inspection.entries);
  const errors = [...inspection.problems, ...duplicates.errors];
  const knowledge = errors.length === 0 ? inspection.knowledge : undefined;
  const warnings = [...duplicates.warnings];
  if (knowledge && options.routeExamples !== false) {
    warnings.push(...misroutedExamples(knowledge, inspection.entries, options.suggestFixes !== false));
    warnings.push(...otherComuniMentioned(root, knowledge, inspection.entries));
  }
  return { comune, knowledge, errors, warnings, notes: knowledge ? missingFacts(knowledge) : [] };
}

/**
 * A profile without the privacy notice's own address is not wrong (neither seed policy gives one),
 * but staff should know that the welcome then sends citizens to the contact office to ask.
 */
function missingFacts(knowledge: Knowledge): KnowledgeProblem[] {
  const { profile } = knowledge;
  if (profile.privacyNotice) return [];
  const office = profile.offices[profile.contactOffice]?.name.it ?? profile.contactOffice;
  return [{ file: join(knowledge.comune, "profile.yaml"), line: 1, column: 1, field: "privacyNotice", code: "noPrivacyNotice", params: { office } }];
}

/**
 * Texts of this comune that name another comune's places, offices, contacts or rules: the usual
 * slip when a new comune starts as a copy of an existing one. The other comuni are read as loaded.
 */
function otherComuniMentioned(root: string, knowledge: Knowledge, entries: readonly LocatedEntry[]): KnowledgeProblem[] {
  const others = listComuni(root)
    .filter((other) => other !== knowledge.comune)
    .flatMap((other) => inspectKnowledge(root, other).knowledge ?? []);
  const profileFile = join(knowledge.comune, "profile.yaml");
  let profile: ((path: PropertyKey[], code: string, params: Record<string, string | number>) => KnowledgeProblem) | undefined;
  try {
    const yaml = readYamlFile(join(root, profileFile), profileFile);
    profile = (path, code, params) => yaml.problemAt(path, code, params);
  } catch {
    // The profile loaded a moment ago; if it cannot be read again, point at its first line.
  }
  const profileAt = profile ?? ((path, code, params) => ({ file: profileFile, line: 1, column: 1, field: fieldPath(path), code, params }));
  // Names of the shared defaults are everyone's wording; a name only another comune's own answers use
  // (a licence, an app) is that comune's rule, even when a copy has already spread it.
  return foreignMentions(knowledge, textsOf(knowledge, entries, profileAt), others, defaultNames(root) ?? namesInEveryAnswer([knowledge, ...others]));
}

/** The names in knowledge/defaults/answers.yaml, or undefined where there are no readable defaults. */
function defaultNames(root: string): Set<string> | undefined {
  try {
    const parsed = entriesFileSchema.safeParse(readYamlFile(join(root, DEFAULTS_FILE), DEFAULTS_FILE).data);
    return parsed.success ? namesInDefaults(parsed.data.entries) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads a comune's knowledge as the bot serves it: throws KnowledgeLoadError when knowledge:check
 * would report an error, so that staff and the running bot agree on what is broken.
 */
export function loadCheckedKnowledge(root: string, comune: string): Knowledge {
  const { knowledge, errors } = checkKnowledge(root, comune, { routeExamples: false });
  if (!knowledge) throw new KnowledgeLoadError(errors);
  return knowledge;
}

interface ExampleAt {
  readonly located: LocatedEntry;
  readonly language: (typeof LANGUAGES)[number];
  readonly index: number;
  readonly text: string;
}

function examplesOf(entries: readonly LocatedEntry[]): ExampleAt[] {
  return entries.flatMap((located) =>
    LANGUAGES.flatMap((language) => located.entry.examples[language].map((text, index) => ({ located, language, index, text }))),
  );
}

/** Where an example is written (file and line), to name it in another problem. */
const locationOf = (example: ExampleAt) => example.located.problemAt(["examples", example.language, example.index], "");

/** Examples are compared folded: "Orari?" and "orari" are the same question. */
function duplicateExamples(entries: readonly LocatedEntry[]): { errors: KnowledgeProblem[]; warnings: KnowledgeProblem[] } {
  const errors: KnowledgeProblem[] = [];
  const warnings: KnowledgeProblem[] = [];
  const first = new Map<string, ExampleAt>();
  for (const example of examplesOf(entries)) {
    const key = foldText(example.text);
    // "???" and "!!" have no words to compare.
    if (key === "") continue;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, example);
      continue;
    }
    const other = locationOf(earlier);
    const params = { example: example.text, other: `${other.file}:${other.line}`, otherEntry: earlier.located.entry.id };
    const at = (code: string) => example.located.problemAt(["examples", example.language, example.index], code, params);
    if (earlier.located !== example.located) errors.push(at("duplicateExample"));
    // The same words in both languages of one entry are fine ("ok", "Instagram?").
    else if (earlier.language === example.language) warnings.push(at("duplicateExampleInEntry"));
  }
  return { errors, warnings };
}

/** A fix as message parameters: what to do (`fix`) and with what (`fixText`, or the entry to move to). */
function fixParams(fix: ExampleFix): Record<string, string> {
  if (fix.kind === "move") return { fix: fix.kind, fixTo: fix.other };
  if (fix.kind === "remove") return { fix: fix.kind };
  return { fix: fix.kind, fixText: fix.text };
}

/** Routes every example with the real router: each should land on its own entry. */
function misroutedExamples(knowledge: Knowledge, entries: readonly LocatedEntry[], suggestFixes: boolean): KnowledgeProblem[] {
  const router = new Router(knowledge.entries, knowledge.lexicon, { emergency: knowledge.emergency });
  const warnings: KnowledgeProblem[] = [];
  for (const example of examplesOf(entries)) {
    const own = example.located.entry.id;
    // "menu" or "aiuto" never reach the router: the dialog answers them as commands.
    if (commandOf(example.text, knowledge.lexicon)) continue;
    const result = router.route(example.text).result;
    if (result.kind === "fallback" && example.located.entry.topic === "fallback") continue;
    const path = ["examples", example.language, example.index];
    const fix = suggestFixes && !landsOnOwn(result, example.located.entry) ? suggestFix(knowledge, example.located.entry, example.language, example.text, result) : undefined;
    const params = { example: example.text, entry: own, language: example.language, ...(fix ? fixParams(fix) : {}) };
    if (result.kind === "answer" && result.entry.id !== own) {
      warnings.push(example.located.problemAt(path, "exampleRoutedElsewhere", { ...params, other: result.entry.id }));
    } else if (result.kind === "clarify") {
      const [a, b] = result.candidates;
      warnings.push(example.located.problemAt(path, "exampleClarified", { ...params, first: a.id, second: b.id }));
    } else if (result.kind === "fallback") {
      warnings.push(example.located.problemAt(path, "exampleNotUnderstood", params));
    }
  }
  return warnings;
}
