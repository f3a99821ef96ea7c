import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { i18n } from "i18next";
import { createKnowledgeBundle, type KnowledgeBundle } from "../src/conversation/knowledgeBundle.js";
import { createI18n } from "../src/i18n.js";
import { formatProblem } from "../src/knowledge/formatProblem.js";
import type { Entry } from "../src/knowledge/schema.js";
import { KnowledgeLoadError } from "../src/knowledge/knowledgeProblem.js";
import { listComuni, loadKnowledge } from "../src/knowledge/loadKnowledge.js";
import { unknownComuneMessage } from "../src/knowledge/unknownComune.js";
import { createPeer } from "./peers/createPeer.js";
import { PEER_NAMES, isPeerName, type PeerClassifier, type PeerName } from "./peers/peerClassifier.js";
import { peerAnswer, type PeerAnswer } from "./peers/peerReply.js";
import { runIfMain, UsageError } from "../src/cli/runCli.js";

/**
 * npx tsx scripts/peerAsk.ts --peer nlpjs|minisearch|fuse|logistic [--comune cento] [--locale it] "message"
 * npx tsx scripts/peerAsk.ts --peer nlpjs --jsonl < inputs.jsonl
 *
 * The ask command's protocol, answered by an off-the-shelf library instead of the bot's router:
 * the library picks the entry, the bot's own composer writes the reply. Only results go to stdout.
 * Exit code 0; 1 for a comune with no folder or knowledge with errors; 2 for a wrong command line.
 */

/** Answers messages with one peer, loading each comune's knowledge and training the peer once, on first use. */
export class PeerResponder {
  private readonly comuni = new Map<string, Promise<{ bundle: KnowledgeBundle; peer: PeerClassifier }>>();
  private readonly known: string[];
  private pooled: readonly Entry[] | undefined;

  constructor(private readonly peer: PeerName, private readonly knowledgeDir: string, private readonly translations: i18n) {
    this.known = listComuni(knowledgeDir);
  }

  /** The sentence the other tools print when `comune` has no folder, or undefined when it has one. */
  unknown(comune: string): string | undefined {
    if (this.known.includes(comune)) return undefined;
    return unknownComuneMessage(this.translations, "ask", { comune, known: this.known, dir: this.knowledgeDir });
  }

  async answer(text: string, comune: string, locale: string): Promise<PeerAnswer> {
    const { bundle, peer } = await this.forComune(comune);
    return peerAnswer(bundle, text, locale, await peer.predict(text, locale));
  }

  private forComune(comune: string) {
    let found = this.comuni.get(comune);
    if (!found) {
      const unknown = this.unknown(comune);
      if (unknown) throw new Error(unknown);
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

async function main(): Promise<number> {
  const translations = createI18n(resolve(process.env.LOCALES_DIR ?? "locales"));
  try {
    return await answerAll(translations);
  } catch (error) {
    if (!(error instanceof KnowledgeLoadError)) throw error;
    console.error(error.problems.map((p) => formatProblem(translations, p)).join("\n"));
    return 1;
  }
}

async function answerAll(translations: i18n): Promise<number> {
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
  if (!isPeerName(name)) throw new UsageError(`--peer must be one of ${PEER_NAMES.join(", ")}, got "${name}"`);
  const responder = new PeerResponder(name, resolve(process.env.KNOWLEDGE_DIR ?? "knowledge"), translations);
  if (!values.jsonl) {
    const text = positionals.join(" ");
    if (!text) throw new UsageError('nothing to ask: npx tsx scripts/peerAsk.ts --peer fuse "message"');
    const unknown = responder.unknown(values.comune!);
    if (unknown) return refused(unknown);
    const result = await responder.answer(text, values.comune!, values.locale!);
    process.stdout.write(`${result.reply}\n\n(topic ${result.topic}, entry ${result.entry})\n`);
    return 0;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const input = JSON.parse(line) as { text?: string; comune?: string; locale?: string };
    const comune = input.comune ?? values.comune!;
    const unknown = responder.unknown(comune);
    if (unknown) return refused(unknown);
    const result = await responder.answer(input.text ?? "", comune, input.locale ?? values.locale!);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return 0;
}

function refused(message: string): number {
  console.error(message);
  return 1;
}

runIfMain(import.meta.url, main);
