/**
 * Checks the knowledge files the way the bot loads them, and a little more: prints every error
 * and warning in plain Italian (or English with --lang en) with file, line and column.
 *   npm run knowledge:check [-- --comune cento] [--lang en] [--dir knowledge]
 * Exit code 0 when there is no error; warnings and notes do not fail.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createI18n } from "../src/i18n.js";
import { checkKnowledge } from "../src/knowledge/checkKnowledge.js";
import { formatProblem } from "../src/knowledge/formatProblem.js";
import { listComuni } from "../src/knowledge/loadKnowledge.js";
import { unknownComuneMessage } from "../src/knowledge/unknownComune.js";
import type { Language } from "../src/text/stemWord.js";
import { runIfMain } from "../src/cli/runCli.js";

function main(): number {
  const { values } = parseArgs({
    options: {
      comune: { type: "string" },
      lang: { type: "string", default: "it" },
      dir: { type: "string", default: "knowledge" },
      locales: { type: "string", default: "locales" },
    },
  });
  const language: Language = values.lang === "en" ? "en" : "it";
  const i18n = createI18n(resolve(values.locales));
  const t = i18n.getFixedT(language, "knowledge");
  const root = resolve(values.dir);
  const known = listComuni(root);
  const comuni = values.comune ? [values.comune.trim().toLowerCase()] : known;

  let failed = false;
  for (const comune of comuni) {
    if (!known.includes(comune)) {
      console.error(unknownComuneMessage(i18n, "check", { comune, known, dir: values.dir }, language));
      failed = true;
      continue;
    }
    const { errors, warnings, notes } = checkKnowledge(root, comune);
    console.log(`\n${t("check.comune", { comune })}`);
    if (errors.length > 0) {
      console.log(t("check.errors"));
      for (const problem of errors) console.log(`  ✗ ${formatProblem(i18n, problem, language)}`);
    } else {
      console.log(`  ✓ ${t("check.ok")}`);
    }
    if (warnings.length > 0) {
      console.log(t("check.warnings"));
      for (const problem of warnings) console.log(`  ! ${formatProblem(i18n, problem, language)}`);
    }
    if (notes.length > 0) {
      console.log(t("check.notes"));
      for (const problem of notes) console.log(`  i ${formatProblem(i18n, problem, language)}`);
    }
    console.log(t("check.summary", { comune, errors: errors.length, warnings: warnings.length }));
    failed ||= errors.length > 0;
  }
  console.log(`\n${t(failed ? "check.failed" : "check.passed")}`);
  return failed ? 1 : 0;
}

runIfMain(import.meta.url, main);
