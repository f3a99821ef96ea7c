/**
 * What citizens asked, which answers they found unhelpful, and what the bot could not answer,
 * read from the interaction log: tables in the terminal, and a self-contained HTML page with --html.
 *   npm run report -- [--since 7d] [--until 2026-11-30] [--dir data/interactions] [--comune cento]
 *                     [--html report.html] [--lang en]
 * Exit code 0; 2 when the period cannot be read or the folder does not exist.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createI18n, translator } from "../src/i18n.js";
import { readYamlFile } from "../src/knowledge/readYamlFile.js";
import { lexiconSchema } from "../src/knowledge/schema.js";
import { validateWithSchema } from "../src/knowledge/validateWithSchema.js";
import { buildReport } from "../src/staff/buildReport.js";
import { parseSince, readInteractions } from "../src/staff/readInteractions.js";
import { renderReportHtml } from "../src/staff/renderReportHtml.js";
import { renderReportText } from "../src/staff/renderReportText.js";
import { terminalText } from "../src/staff/terminalText.js";
import { buildLexicon } from "../src/text/lexicon.js";
import type { Language } from "../src/text/stemWord.js";
import { runIfMain, UsageError } from "../src/cli/runCli.js";

const TIME_ZONE = "Europe/Rome";

function main(): number {
  const { values } = parseArgs({
    options: {
      since: { type: "string", default: "7d" },
      until: { type: "string" },
      dir: { type: "string", default: process.env.INTERACTION_LOG_DIR ?? "data/interactions" },
      comune: { type: "string" },
      html: { type: "string" },
      lang: { type: "string", default: "it" },
      knowledge: { type: "string", default: "knowledge" },
      locales: { type: "string", default: "locales" },
    },
  });
  const language: Language = values.lang === "en" ? "en" : "it";
  const t = translator(createI18n(resolve(values.locales)), language, "staff");
  const now = new Date();
  const until = values.until ? parseSince(values.until, now, TIME_ZONE) : now;
  const since = parseSince(values.since, now, TIME_ZONE);
  if (!since || !until) throw new UsageError(terminalText(t("error.badSince", { value: !since ? values.since : values.until })));
  const dir = resolve(values.dir);
  if (!existsSync(dir)) throw new UsageError(terminalText(t("error.noDir", { dir: values.dir })));

  const interactions = readInteractions(dir, { since, until, timeZone: TIME_ZONE, ...(values.comune ? { comune: values.comune } : {}) });
  const report = buildReport(interactions, { since, until, stopwords: stopwords(resolve(values.knowledge)), ...(values.comune ? { comune: values.comune } : {}) });
  const dateFormat = new Intl.DateTimeFormat(language === "it" ? "it-IT" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
  const formatDate = (date: Date) => dateFormat.format(date);

  process.stdout.write(renderReportText(report, t, formatDate));
  if (values.html) {
    writeFileSync(values.html, renderReportHtml(report, t, formatDate, language));
    console.log(`\n${terminalText(t("written", { file: values.html }))}`);
  }
  return 0;
}

/** The lexicon's stop words, so that grouping looks at the words that carry the subject. */
function stopwords(knowledgeDir: string): ReadonlySet<string> {
  try {
    const parsed = validateWithSchema(readYamlFile(join(knowledgeDir, "lexicon.yaml"), "lexicon.yaml"), lexiconSchema);
    return parsed.value ? buildLexicon(parsed.value).stopwords : new Set();
  } catch {
    return new Set();
  }
}

runIfMain(import.meta.url, main);
