/**
 * Shows why the router answers a message as it does: the emergency layer's reading, the safety
 * signals that match, the matcher's best entries and the model's combined topic scores. For staff and developers tuning knowledge.
 *   npx tsx scripts/explain-route.ts [--comune cento] "message" ["another message" …]
 * Exit code 0, 1 for a comune with no folder, 2 without a message.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { createI18n } from "../src/i18n.js";
import { listComuni, loadKnowledge } from "../src/knowledge/loadKnowledge.js";
import { unknownComuneMessage } from "../src/knowledge/unknownComune.js";
import { Router } from "../src/routing/router.js";
import { messageWords } from "../src/routing/messageFeatures.js";
import { Signal } from "../src/routing/signalMatcher.js";
import { normalizeWords } from "../src/text/lexicon.js";
import { LANGUAGES } from "../src/text/stemWord.js";
import { runIfMain, UsageError } from "../src/cli/runCli.js";

function main(): number {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { comune: { type: "string", default: "cento" } } });
  if (positionals.length === 0) throw new UsageError('nothing to explain: npx tsx scripts/explain-route.ts --comune cento "message"');
  const comune = values.comune.trim().toLowerCase();
  const known = listComuni(resolve("knowledge"));
  if (!known.includes(comune)) {
    console.error(unknownComuneMessage(createI18n(resolve("locales")), "check", { comune, known, dir: "knowledge" }));
    return 1;
  }
  const knowledge = loadKnowledge(resolve("knowledge"), comune);
  const router = new Router(knowledge.entries, knowledge.lexicon, { emergency: knowledge.emergency });
  for (const text of positionals) {
    const words = messageWords(normalizeWords(text, knowledge.lexicon), knowledge.lexicon);
    console.log(`\n${text}\n  words: ${words.map((w) => `${w.word}(${w.stems.join("|")})`).join(" ")}`);
    for (const entry of knowledge.entries) {
      for (const language of LANGUAGES) {
        for (const s of entry.signals?.[language] ?? []) {
          if (Signal.compile(s, language, knowledge.lexicon)?.matches(words)) console.log(`  signal ${entry.id}: "${s}"`);
        }
      }
    }
    const explained = router.explain(text);
    console.log(`  emergency layer: ${explained.emergency.level}${explained.emergency.evidence.length ? ` (${explained.emergency.evidence.join("; ")})` : ""}`);
    for (const c of explained.ranked.slice(0, 4)) console.log(`  matcher ${c.score.toFixed(2)} ${c.entry.id} (${c.entry.topic})`);
    for (const t of explained.topics.slice(0, 4)) console.log(`  combined ${t.combined.toFixed(3)} = model ${t.probability.toFixed(3)} + matcher, ${t.topic}`);
    console.log("  ->", JSON.stringify(explained.routed.result, (k, v) => (k === "entry" || k === "candidates" ? undefined : v)));
  }
  return 0;
}

runIfMain(import.meta.url, main);
