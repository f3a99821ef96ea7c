import type { i18n } from "i18next";
import { z } from "zod";
import { answersFileSchema, entriesFileSchema, localWordsSchema, profileSchema } from "../knowledge/schema.js";

/** File names under knowledge/schema/, and the schema each is generated from. */
const SCHEMAS = Object.freeze({
  "entries.schema.json": { schema: entriesFileSchema, help: "entries" },
  "answers.schema.json": { schema: answersFileSchema, help: "entries" },
  "local.schema.json": { schema: localWordsSchema, help: "local" },
  "profile.schema.json": { schema: profileSchema, help: "profile" },
} as const);

export type EditorSchemaFile = keyof typeof SCHEMAS;

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema; description?: string };

/**
 * JSON Schemas of the knowledge files for editors (VS Code with the YAML extension completes and
 * checks fields as staff type), generated from the zod schemas the bot validates with, and
 * annotated with the Italian help of locales/it/knowledge.json (schemaHelp).
 */
export function editorSchemas(instance: i18n, language = "it"): Record<EditorSchemaFile, string> {
  const out = {} as Record<EditorSchemaFile, string>;
  for (const [file, { schema, help }] of Object.entries(SCHEMAS) as Array<[EditorSchemaFile, (typeof SCHEMAS)[EditorSchemaFile]]>) {
    // "input": what staff write, so fields with a default are not required.
    const json = z.toJSONSchema(schema, { io: "input", target: "draft-7" }) as JsonSchema;
    const texts = (instance.getResource(language, "knowledge", `schemaHelp.${help}`) ?? {}) as Record<string, string>;
    annotate(json, "", texts);
    const generated = { $comment: "Generato da scripts/exportJsonSchema.ts: non modificare a mano.", ...json };
    out[file] = `${JSON.stringify(generated, null, 2)}\n`;
  }
  return out;
}

/** Adds the help text of each property path ("entries.actions.type"); array items share their list's path. */
function annotate(node: JsonSchema, path: string, texts: Readonly<Record<string, string>>): void {
  const text = texts[path === "" ? "_" : path];
  if (text !== undefined) node.description = text;
  if (node.items && typeof node.items === "object") annotate(node.items, path, withoutOwn(texts, path));
  for (const [name, child] of Object.entries(node.properties ?? {})) annotate(child, path === "" ? name : `${path}.${name}`, texts);
}

/** The items of a list do not repeat the list's own description. */
function withoutOwn(texts: Readonly<Record<string, string>>, path: string): Readonly<Record<string, string>> {
  const rest = { ...texts };
  delete rest[path === "" ? "_" : path];
  return rest;
}
