/**
 * Writes the JSON Schemas of the knowledge files to knowledge/schema/, for editors.
 *   npx tsx scripts/exportJsonSchema.ts
 * Run it after changing src/knowledge/schema.ts; a test fails while the files are out of date.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createI18n } from "../src/i18n.js";
import { editorSchemas } from "../src/staff/editorSchemas.js";
import { runIfMain } from "../src/cli/runCli.js";

function main(): number {
  const dir = resolve("knowledge/schema");
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(editorSchemas(createI18n(resolve("locales"))))) {
    writeFileSync(join(dir, file), text);
    console.log(`knowledge/schema/${file}`);
  }
  return 0;
}

runIfMain(import.meta.url, main);
