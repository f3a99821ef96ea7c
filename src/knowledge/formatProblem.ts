import type { i18n } from "i18next";
import type { Language } from "../text/stemWord.js";
import type { KnowledgeProblem } from "./knowledgeProblem.js";

/** The sentence a member of staff reads for one problem, in Italian or English. */
export function formatProblem(instance: i18n, problem: KnowledgeProblem, language: Language = "it"): string {
  const t = instance.getFixedT(language, "knowledge");
  const where = String(t("location", { file: problem.file, line: problem.line, column: problem.column }));
  const expected = problem.params.expected;
  const kind = problem.params.kind;
  const fix = problem.params.fix;
  // Every message may name the file and its place; only `where` used to be filled, and messages
  // written with {{file}} printed it raw.
  const params = {
    ...problem.params,
    file: problem.file,
    line: problem.line,
    column: problem.column,
    where,
    field: problem.field,
    ...(expected === undefined ? {} : { expected: String(t(`expected.${expected}`, { defaultValue: String(expected) })) }),
    ...(kind === undefined ? {} : { kindLabel: String(t(`markKinds.${kind}`, { defaultValue: String(kind) })) }),
    // The fix a warning suggests is its own sentence, filled with the same parameters.
    fixLabel: fix === undefined ? "" : String(t(`exampleFixes.${fix}`, { ...problem.params, defaultValue: "" })),
  };
  return String(t(problem.code, params));
}
