import type { KnowledgeProblem } from "./knowledgeProblem.js";
import type { YamlFile } from "./readYamlFile.js";
import { profileSchema, type Profile } from "./schema.js";
import { validateWithSchema } from "./validateWithSchema.js";

/**
 * What `npm run comune:new` writes where staff must put a fact from the comune's own policy. Capitals
 * and two words, so that it cannot pass for a real name, e-mail or number.
 */
export const BLANK = "DA COMPILARE";

/** Paths of every text that still holds the blank marker, in file order. */
export function findBlanks(data: unknown, path: readonly PropertyKey[] = []): PropertyKey[][] {
  if (typeof data === "string") return data.toUpperCase().includes(BLANK) ? [[...path]] : [];
  if (Array.isArray(data)) return data.flatMap((item: unknown, i) => findBlanks(item, [...path, i]));
  if (data && typeof data === "object") {
    return Object.entries(data).flatMap(([key, value]) => findBlanks(value, [...path, key]));
  }
  return [];
}

/** True when `field` is `blank` itself or a field inside it. */
const within = (field: string, blank: string) => field === blank || field.startsWith(`${blank}.`) || field.startsWith(`${blank}[`);

/**
 * Validates a profile, reporting each field still holding the blank marker as one `blank` problem.
 * The format checks of those fields are left out: "DA COMPILARE" in an e-mail field is a blank to
 * fill, not a wrong address. A profile with any blank has no value: the bot never serves one.
 */
export function validateProfile(yaml: YamlFile): { value: Profile; problems: [] } | { value: undefined; problems: KnowledgeProblem[] } {
  const blanks = findBlanks(yaml.data).map((path) => yaml.problemAt(path, "blank", { marker: BLANK }));
  const result = validateWithSchema(yaml, profileSchema);
  if (blanks.length === 0) return result;
  const others = result.problems.filter((problem) => !blanks.some((blank) => within(problem.field, blank.field)));
  return { value: undefined, problems: [...blanks, ...others] };
}


