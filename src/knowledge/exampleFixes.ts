import { Router, type RouteResult } from "../routing/router.js";
import { normalizeWords } from "../text/lexicon.js";
import type { Language } from "../text/stemWord.js";
import type { Knowledge } from "./loadKnowledge.js";
import { isSafetyTopic } from "./topics.js";
import type { Entry } from "./schema.js";

/** A change to the knowledge that makes one example land on its own entry. */
export type ExampleFix =
  | { readonly kind: "keyword" | "signal"; readonly text: string }
  | { readonly kind: "move"; readonly other: string }
  | { readonly kind: "remove" };

/** How many changed keywords or signals are tried per example: each retrains the routing model (seconds). */
const MAX_TRIALS = 2;

/** Whether an example routed this way is where it belongs (or, for the fallback entry, not understood). */
export function landsOnOwn(result: RouteResult, entry: Entry): boolean {
  if (result.kind === "answer") return result.entry.id === entry.id;
  return result.kind === "fallback" && entry.topic === "fallback";
}

/**
 * The fix to suggest for an example that does not land on its own entry, tried on the real router
 * before it is suggested: a keyword (one word or two of the example that the entry lacks), or for a
 * safety entry a signal; failing those, moving the example to the entry that answers it; failing
 * that, removing it. So the fix a warning names always clears that warning.
 */
export function suggestFix(knowledge: Knowledge, entry: Entry, language: Language, example: string, result: RouteResult): ExampleFix {
  const route = (entries: readonly Entry[]) => new Router(entries, knowledge.lexicon, { emergency: knowledge.emergency }).route(example).result;
  const withEntry = (changed: Entry) => knowledge.entries.map((e) => (e.id === entry.id ? changed : e));
  const field = isSafetyTopic(entry.topic) ? "signals" : "keywords";
  for (const text of candidates(knowledge, entry, language, example, field).slice(0, MAX_TRIALS)) {
    const current = entry[field]?.[language] ?? [];
    const changed: Entry = { ...entry, [field]: { it: entry[field]?.it ?? [], en: entry[field]?.en ?? [], [language]: [...current, text] } };
    if (landsOnOwn(route(withEntry(changed)), changed)) return { kind: field === "signals" ? "signal" : "keyword", text };
  }
  if (result.kind === "answer") {
    const other = result.entry;
    const moved = knowledge.entries.map((e) => {
      if (e.id === entry.id) return { ...e, examples: { ...e.examples, [language]: e.examples[language].filter((x) => x !== example) } };
      if (e.id === other.id) return { ...e, examples: { ...e.examples, [language]: [...e.examples[language], example] } };
      return e;
    });
    if (landsOnOwn(route(moved), other)) return { kind: "move", other: other.id };
  }
  return { kind: "remove" };
}

/**
 * What to try adding, as the router reads the example, and never what the entry already has in that
 * field: the pair of neighbouring words fewest other entries use, and the example's words together.
 */
function candidates(knowledge: Knowledge, entry: Entry, language: Language, example: string, field: "keywords" | "signals"): string[] {
  const { lexicon } = knowledge;
  const words = normalizeWords(example, lexicon).filter((w) => !lexicon.stopwords.has(w) && w.length > 1);
  const have = new Set((entry[field]?.[language] ?? []).map((k) => normalizeWords(k, lexicon).join(" ")));
  const usedBy = (word: string) =>
    knowledge.entries.filter((e) => e.id !== entry.id && [...e.keywords[language], ...e.examples[language]].some((t) => normalizeWords(t, lexicon).includes(word))).length;
  const pairs = words
    .slice(1)
    .map((w, i) => ({ text: `${words[i]} ${w}`, rarity: usedBy(words[i]!) + usedBy(w) }))
    .sort((a, b) => a.rarity - b.rarity)
    .map((p) => p.text);
  const whole = words.join(" ");
  const list = field === "signals" ? [whole, ...pairs] : [...pairs.slice(0, 1), whole, ...words];
  return [...new Set(list)].filter((c) => c !== "" && !have.has(c));
}
