import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { i18n } from "i18next";
import { createKnowledgeBundle, type KnowledgeBundle } from "../src/conversation/knowledgeBundle.js";
import { createI18n } from "../src/i18n.js";
import { formatProblem } from "../src/knowledge/formatProblem.js";
import type { Entry } from "../src/knowledge/schema.js";
import { KnowledgeLoadError } from "../src/knowledge/knowledgeProblem.js";
import { listComuni, loadKnowledge } from "../src/knowledge/loadKnowledge.js";
import { createPeer } from "./peers/createPeer.js";
import { PEER_NAMES, isPeerName, type PeerClassifier, type PeerName } from "./peers/peerClassifier.js";
import { peerAnswer, type PeerAnswer } from "./peers/peerReply.js";

/**
 * npx tsx scripts/peerAsk.ts --peer nlpjs|minisearch|fuse|logistic [--comune cento] [--locale it] "message"
 * npx tsx scripts/peerAsk.ts --peer nlpjs --jsonl < inputs.jsonl
 *
 * The ask command's protocol, answered by an off-the-shelf library instead of the bot's router:
 * the library picks the entry, the bot's own composer writes the reply. Only results go to stdout.
 */

/** Answers messages with one peer, loading each comune's knowledge and training the peer once, on first use. */
export class PeerResponder {
  private readonly comuni = new Map<string, Promise<{ bundle: KnowledgeBundle; peer: PeerClassifier }>>();
  private readonly known: string[];
  private pooled: readonly Entry[] | undefined;

  constructor(private readonly peer: PeerName, private readonly knowledgeDir: string, private readonly translations: i18n) {
    this.known = listComuni(knowledgeDir);
  }

  async answer(text: string, comune: string, locale: string): Promise<PeerAnswer> {
    const { bundle, peer } = await this.forComune(comune);
    return peerAnswer(bundle, text, locale, await peer.predict(text, locale));
  }

  private forComune(comune: string) {
    let found = this.comuni.get(comune);
    if (!found) {
      if (!this.known.includes(comune)) throw new Error(`unknown comune "${comune}"; known comuni: ${this.known.join(", ")}`);
      const bundle = createKnowledgeBundle(loadKnowledge(this.knowledgeDir, comune), this.translations);
      found = createPeer(this.peer, { entries: bundle.knowledge.entries, pooled: this.allEntries() }).then((peer) => ({ bundle, peer }));
      this.comuni.set(comune, found);
    }
    return found;
  }

  /** Every comune's entries, loaded once: what the pooled baseline learns from. */
  private allEntries(): readonly Entry[] {
    this.pooled ??= this.known.flatMap((comune) => loadKnowledge(this.knowledgeDir, comune).entries);
    return this.pooled;
  }
}

async function main(translations: i18n): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      peer: { type: "string" },
      comune: { type: "string", default: process.env.COMUNE ?? "cento" },
      locale: { type: "string", default: "it" },
      jsonl: { type: "boolean", default: false },
    },
  });
  const name = values.peer ?? "";
  if (!isPeerName(name)) throw new Error(`--peer must be one of ${PEER_NAMES.join(", ")}, got "${name}"`);
  const responder = new PeerResponder(name, resolve(process.env.KNOWLEDGE_DIR ?? "knowledge"), translations);
  if (!values.jsonl) {
    const text = positionals.join(" ");
    if (!text) throw new Error('nothing to ask: npx tsx scripts/peerAsk.ts --peer fuse "message"');
    const result = await responder.answer(text, values.comune!, values.locale!);
    process.stdout.write(`${result.reply}\n\n(topic ${result.topic}, entry ${result.entry})\n`);
    return;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const input = JSON.parse(line) as { text?: string; comune?: string; locale?: string };
    const result = await responder.answer(input.text ?? "", input.comune ?? values.comune!, input.locale ?? values.locale!);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const translations = createI18n(resolve(process.env.LOCALES_DIR ?? "locales"));
  main(translations).catch((error: unknown) => {
    if (error instanceof KnowledgeLoadError) console.error(error.problems.map((p) => formatProblem(translations, p)).join("\n"));
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
