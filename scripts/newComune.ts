/**
 * Creates the folder of a new comune with a profile to fill and empty answers and local words:
 *   npm run comune:new -- --id valfiorita --name "Comune di Valfiorita" [--lang en] [--dir knowledge]
 * Every fact the profile needs from the comune's own policy is a «DA COMPILARE» blank, which
 * knowledge:check reports until it is filled. Refuses a bad id or one that exists; never overwrites.
 * Exit code 0 when the files are created, 1 when refused.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createI18n } from "../src/i18n.js";
import { BLANK } from "../src/knowledge/profileBlanks.js";
import type { Language } from "../src/text/stemWord.js";
import { runIfMain } from "../src/cli/runCli.js";

/** The same rule as the profile's `id`: also the folder's name. */
const ID = /^[a-z][a-z0-9-]*$/;
const TEMPLATE_DIR = resolve(import.meta.dirname, "comuneTemplate");
const FILES = ["profile.yaml", "answers.yaml", "local.yaml"] as const;

/** A template with the comune's id and name written in; the name double-quoted, a valid YAML string. */
export function fillTemplate(text: string, id: string, name: string): string {
  return text.replaceAll("{{id}}", id).replaceAll("{{quotedName}}", JSON.stringify(name)).replaceAll("{{name}}", name);
}

/** A path as staff typed it: relative inside the working folder, absolute elsewhere. */
function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith("..") ? inside : path;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      id: { type: "string" },
      name: { type: "string" },
      lang: { type: "string", default: "it" },
      dir: { type: "string", default: process.env.KNOWLEDGE_DIR ?? "knowledge" },
      locales: { type: "string", default: "locales" },
    },
  });
  const language: Language = values.lang === "en" ? "en" : "it";
  const t = createI18n(resolve(values.locales)).getFixedT(language, "knowledge");
  const id = values.id?.trim() ?? "";
  const name = values.name?.trim() ?? "";
  if (!values.id) {
    console.error(t("newComune.usage"));
    return 1;
  }
  if (!ID.test(id)) {
    console.error(t("newComune.badId", { id }));
    return 1;
  }
  if (!name) {
    console.error(t("newComune.noName"));
    return 1;
  }
  const root = resolve(values.dir);
  const folder = join(root, id);
  mkdirSync(root, { recursive: true });
  try {
    // Not recursive: fails when the folder exists, even if it appeared a moment ago.
    mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    console.error(t("newComune.exists", { id, dir: shown(folder) }));
    return 1;
  }
  console.log(t("newComune.created", { name, dir: shown(folder) }));
  for (const file of FILES) {
    const text = fillTemplate(readFileSync(join(TEMPLATE_DIR, file), "utf8"), id, name);
    // "wx": never overwrite, even a file written between the check and now.
    writeFileSync(join(folder, file), text, { flag: "wx" });
    console.log(`  ${join(shown(folder), file)}`);
  }
  console.log(t("newComune.next", { marker: BLANK, profile: join(shown(folder), "profile.yaml"), id }));
  return 0;
}

runIfMain(import.meta.url, main);
