import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ConfigurationBotFrameworkAuthentication, type Activity } from "botbuilder";
import { BotHttpAdapter } from "./bot/botHttpAdapter.js";
import { createBotForComune } from "./bot/createBot.js";
import { fixedClock, systemClock } from "./conversation/officeHours.js";
import { TURN_OUTCOME } from "./bot/turnOutcome.js";
import { describeActivities } from "./channels/describeActivities.js";
import type { TurnOutcome } from "./answers/reply.js";
import { createI18n } from "./i18n.js";
import { formatProblem } from "./knowledge/formatProblem.js";
import { KnowledgeLoadError } from "./knowledge/knowledgeProblem.js";
import { listComuni } from "./knowledge/loadKnowledge.js";
import { unknownComuneMessage } from "./knowledge/unknownComune.js";
import { resolve } from "node:path";

/**
 * npm run ask -- [--comune cento] [--locale it] [--now ISO] "message"
 * npm run ask -- --jsonl < inputs.jsonl      one {"text","comune","locale"} per line
 *
 * Runs the same bot and dialogs as the server, through the same CloudAdapter, with
 * deliveryMode "expectReplies"; every input is a new conversation. Only results go to stdout.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    comune: { type: "string", default: process.env.COMUNE ?? "cento" },
    locale: { type: "string", default: "it" },
    jsonl: { type: "boolean", default: false },
    now: { type: "string" },
  },
});

const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? "knowledge");
const i18n = createI18n(resolve(process.env.LOCALES_DIR ?? "locales"));
const known = listComuni(knowledgeDir);
const clock = values.now ? fixedClock(parseNow(values.now)) : systemClock;
// The server's own adapter class, open (no credentials): the same path as POST /api/messages.
const adapter = new BotHttpAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bots = new Map<string, ReturnType<typeof createBotForComune>>();

function botFor(comune: string) {
  let found = bots.get(comune);
  if (!found) {
    if (!known.includes(comune)) throw new Error(unknownComuneMessage(i18n, "ask", { comune, known, dir: knowledgeDir }));
    found = createBotForComune(knowledgeDir, comune, i18n, undefined, { clock });
    bots.set(comune, found);
  }
  return found;
}

function parseNow(text: string): Date {
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new Error(`--now must be an ISO date-time such as 2026-11-24T10:00:00+01:00, not "${text}"`);
  return at;
}

interface AskResult extends TurnOutcome {
  readonly reply: string;
}

async function ask(text: string, comune: string, locale: string): Promise<AskResult> {
  const { bot } = botFor(comune);
  const activity: Partial<Activity> = {
    type: "message",
    id: randomUUID(),
    text,
    locale,
    channelId: "ask",
    serviceUrl: "http://localhost/ask",
    deliveryMode: "expectReplies",
    from: { id: "citizen", name: "citizen" },
    recipient: { id: "bot", name: "bot" },
    conversation: { id: `ask-${randomUUID()}`, isGroup: false, conversationType: "personal", name: "" },
    timestamp: clock.now(),
  };
  let outcome: TurnOutcome | undefined;
  const response = await adapter.handleActivity("", activity as Activity, async (context) => {
    await bot.run(context);
    outcome = context.turnState.get(TURN_OUTCOME) as TurnOutcome | undefined;
  });
  const activities = (response.body as { activities?: Activity[] } | undefined)?.activities ?? [];
  return { topic: outcome?.topic ?? "fallback", entry: outcome?.entry ?? null, score: outcome?.score ?? 0, reply: describeActivities(activities) };
}

async function main(): Promise<void> {
  if (!values.jsonl) {
    const text = positionals.join(" ");
    if (!text) throw new Error('nothing to ask: npm run ask -- "message"');
    const result = await ask(text, values.comune!, values.locale!);
    process.stdout.write(`${result.reply}\n\n(topic ${result.topic}, entry ${result.entry}, score ${result.score})\n`);
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const input = JSON.parse(line) as { text?: string; comune?: string; locale?: string };
    const result = await ask(input.text ?? "", input.comune ?? values.comune!, input.locale ?? values.locale!);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof KnowledgeLoadError) {
    console.error(error.problems.map((p) => formatProblem(i18n, p)).join("\n"));
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
