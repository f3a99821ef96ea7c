import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { editorSchemas, type EditorSchemaFile } from "../../src/staff/editorSchemas.js";
import { i18n } from "../support/realKnowledge.js";

const ROOT = resolve(import.meta.dirname, "../..");
const generated = editorSchemas(i18n);

describe("the JSON Schemas for editors", () => {
  it.each(Object.keys(generated) as EditorSchemaFile[])("knowledge/schema/%s is up to date (npx tsx scripts/exportJsonSchema.ts)", (file) => {
    expect(readFileSync(resolve(ROOT, "knowledge/schema", file), "utf8")).toBe(generated[file]);
  });

  it("offer the topics, the notice and Italian help", () => {
    const entries = JSON.parse(generated["entries.schema.json"]) as { properties: { entries: { items: { properties: Record<string, { enum?: string[]; description?: string }> } } } };
    const fields = entries.properties.entries.items.properties;
    expect(fields.topic?.enum).toContain("redirect.report");
    expect(fields.examples?.description).toMatch(/una sola risposta/);
    const profile = JSON.parse(generated["profile.schema.json"]) as { properties: Record<string, { properties?: Record<string, { format?: string }> }> };
    expect(profile.properties.notice?.properties?.from?.format).toBe("date-time");
  });

  it("are mapped to the knowledge files in the VS Code settings", () => {
    const settings = JSON.parse(readFileSync(resolve(ROOT, ".vscode/settings.json"), "utf8")) as { "yaml.schemas": Record<string, string[]> };
    expect(settings["yaml.schemas"]).toEqual({
      "./knowledge/schema/entries.schema.json": ["knowledge/defaults/answers.yaml"],
      "./knowledge/schema/answers.schema.json": ["knowledge/*/answers.yaml", "knowledge/*/entries/*.yaml"],
      "./knowledge/schema/local.schema.json": ["knowledge/*/local.yaml"],
      "./knowledge/schema/profile.schema.json": ["knowledge/*/profile.yaml"],
    });
  });
});
