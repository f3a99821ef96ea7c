import type { Language } from "../text/stemWord.js";

/** Replaces every {it, en} pair in the facts with the text in one language, for interpolation. */
export function localizeFacts(value: unknown, language: Language): unknown {
  if (Array.isArray(value)) return value.map((v) => localizeFacts(v, language));
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 2 && typeof record.it === "string" && typeof record.en === "string") return record[language];
    return Object.fromEntries(keys.map((k) => [k, localizeFacts(record[k], language)]));
  }
  return value;
}
