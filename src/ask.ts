import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import type { i18n } from "i18next";
import type { TurnOutcome } from "./answers/reply.js";
import type { InboundActivity } from "./channels/activity.js";
import { describeActivities, type DescribedActivity } from "./channels/describeActivities.js";
import { comuneTurns } from "./comuneTurns.js";
import { BOT_SDKS, type BotSdk } from "./config.js";
import { fixedClock, systemClock, type Clock } from "./conversation/officeHours.js";
import { OPEN_MODE } from "./hosts/botAuthSettings.js";
import { createHost } from "./hosts/createHost.js";
import type { MessagingHost } from "./hosts/messagingHost.js";
import { createI18n } from "./i18n.js";
import { rejectionOf } from "./incomingActivity.js";
import { formatProblem } from "./knowledge/formatProblem.js";
import { KnowledgeLoadError } from "./knowledge/knowledgeProblem.js";
import { listComuni } from "./knowledge/loadKnowledge.js";
import { unknownComuneMessage } from "./knowledge/unknownComune.js";
import { createLogger } from "./logger.js";
import { runIfMain, UsageError } from "./cli/runCli.js";

/**
 * npm run ask -- [--comune cento] [--locale it] [--now ISO] [--sdk botbuilder|agents] "message"
 * npm run ask -- --jsonl < inputs.jsonl      one {"text","comune","locale"} per line
 *
 * Runs an activity through what POST /api/messages runs after HTTP: the same request checks, the host
 * BOT_SDK names (open, with deliveryMode "expectReplies") and the same turn logic, with its rate
 * limit, state and error reply. Every input is a new conversation. Only results go to stdout.
 */
interface AskResult extends TurnOutcome {
  readonly reply: string;
}

async function ask(session: AskSession, text: string, comune: string, locale: string): Promise<AskResult> {
  const { clock, outcomes } = session;
  const host = session.hostFor(comune);
  const conversation = `ask-${randomUUID()}`;
  const activity = {
    type: "message",
    id: randomUUID(),
    text,
    locale,
    channelId: "ask",
    serviceUrl: "http://localhost/ask",
    deliveryMode: "expectReplies",
    from: { id: "citizen", name: "citizen" },
    recipient: { id: "bot", name: "bot" },
    conversation: { id: conversation, isGroup: false, conversationType: "personal", name: "" },
    timestamp: clock.now().toISOString(),
  };
  const rejection = rejectionOf(activity, { openMode: true });
  if (rejection) throw new Error(rejection);
  const response = await host.handleActivity("", activity as InboundActivity);
  const activities = (response.body as { activities?: DescribedActivity[] } | undefined)?.activities ?? [];
  const outcome = outcomes.get(conversation);
  outcomes.delete(conversation);
  return { topic: outcome?.topic ?? "fallback", entry: outcome?.entry ?? null, score: outcome?.score ?? 0, reply: describeActivities(activities) };
}

/** What the command sets up once: the options it was given, and a host per comune asked, built when first needed. */
interface AskSession {
  readonly values: { comune: string; locale: string; jsonl: boolean };
  readonly positionals: string[];
  readonly clock: Clock;
  readonly outcomes: Map<string, TurnOutcome>;
  readonly i18n: i18n;
  hostFor(comune: string): MessagingHost;
}

function askSession(): AskSession {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      comune: { type: "string", default: process.env.COMUNE ?? "cento" },
      locale: { type: "string", default: "it" },
      jsonl: { type: "boolean", default: false },
      now: { type: "string" },
      sdk: { type: "string", default: process.env.BOT_SDK ?? "botbuilder" },
    },
  });

  const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? "knowledge");
  const i18n = createI18n(resolve(process.env.LOCALES_DIR ?? "locales"));
  const known = listComuni(knowledgeDir);
  const clock = values.now ? fixedClock(parseNow(values.now)) : systemClock;
  const sdk = parseSdk(values.sdk ?? "botbuilder");
  // Logs go to stderr, silenced: stdout carries only the results.
  const logger = createLogger(process.env.LOG_LEVEL ?? "silent");
  const outcomes = new Map<string, TurnOutcome>();
  const hosts = new Map<string, MessagingHost>();

  function hostFor(comune: string): MessagingHost {
    let found = hosts.get(comune);
    if (!found) {
      if (!known.includes(comune)) throw new UnknownComune(unknownComuneMessage(i18n, "ask", { comune, known, dir: knowledgeDir }));
      const { turns } = comuneTurns(knowledgeDir, comune, i18n, logger, { clock, onOutcome: (activity, outcome) => outcomes.set(activity.conversation.id, outcome) });
      found = createHost({ sdk, auth: OPEN_MODE, runTurn: turns.run, logger });
      hosts.set(comune, found);
    }
    return found;
  }

  function parseNow(text: string): Date {
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new UsageError(`--now must be an ISO date-time such as 2026-11-24T10:00:00+01:00, not "${text}"`);
    return at;
  }

  function parseSdk(text: string): BotSdk {
    if ((BOT_SDKS as readonly string[]).includes(text)) return text as BotSdk;
    throw new UsageError(`--sdk must be one of ${BOT_SDKS.join(", ")}, not "${text}"`);
  }
  return { values: { comune: values.comune!, locale: values.locale!, jsonl: values.jsonl! }, positionals, clock, outcomes, i18n, hostFor };
}

/** An input the command cannot answer for the person who typed it (an unknown comune): exit 1, message only. */
class UnknownComune extends Error {}

async function main(): Promise<number> {
  const session = askSession();
  const { values, positionals, i18n } = session;
  try {
    if (!values.jsonl) {
      const text = positionals.join(" ");
      if (!text) throw new UsageError('nothing to ask: npm run ask -- "message"');
      const result = await ask(session, text, values.comune, values.locale);
      process.stdout.write(`${result.reply}\n\n(topic ${result.topic}, entry ${result.entry}, score ${result.score})\n`);
      return 0;
    }
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const input = JSON.parse(line) as { text?: string; comune?: string; locale?: string };
      const result = await ask(session, input.text ?? "", input.comune ?? values.comune, input.locale ?? values.locale);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof KnowledgeLoadError) {
      console.error(error.problems.map((p) => formatProblem(i18n, p)).join("\n"));
      return 1;
    }
    if (error instanceof UnknownComune) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

runIfMain(import.meta.url, main);
