import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import i18next, { type i18n, type Resource, type ResourceLanguage } from "i18next";
import type { Language } from "./text/stemWord.js";

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * One i18next instance with every file of locales/{it,en}/ as a namespace ("bot", "knowledge").
 * Values are never HTML-escaped here: each channel renderer escapes what it has to.
 */
export function createI18n(localesDir: string): i18n {
  const instance = i18next.createInstance();
  const resources: Resource = {};
  for (const language of readdirSync(localesDir)) {
    const namespaces: ResourceLanguage = {};
    for (const file of readdirSync(join(localesDir, language)).filter((f) => f.endsWith(".json"))) {
      namespaces[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(localesDir, language, file), "utf8")) as ResourceLanguage;
    }
    resources[language] = namespaces;
  }
  void instance.init({
    initAsync: false,
    resources,
    lng: "it",
    fallbackLng: "it",
    supportedLngs: Object.keys(resources),
    ns: Object.keys(resources.it ?? {}),
    defaultNS: "bot",
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** A translate function bound to one language and namespace. */
export function translator(instance: i18n, language: Language, ns = "bot"): Translate {
  const t = instance.getFixedT(language, ns);
  return (key, options) => String(t(key, options ?? {}));
}
