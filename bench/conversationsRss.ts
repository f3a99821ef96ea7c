/**
 * Child process of the benchmark: plays `count` distinct conversations of one message each through
 * the bot and adapter as src/app.ts builds them (state storage from the environment, the staff
 * interaction log, the Bot Framework adapter with its rate limit and turn logger) and the entry point
 * of POST /api/messages (`handleActivity`, deliveryMode expectReplies), without HTTP in between so
 * that the run fits in the benchmark's three minutes; then prints its own memory as one JSON line.
 *   node --expose-gc dist/bench-build/bench/conversationsRss.js 100000     (built by npm run bench)
 */
import type { Activity } from "botbuilder";
import { createAdapter } from "../src/bot/createAdapter.js";
import { createBotForComune } from "../src/bot/createBot.js";
import { loadConfig } from "../src/config.js";
import { createI18n } from "../src/i18n.js";
import { listComuni } from "../src/knowledge/loadKnowledge.js";
import { createLogger } from "../src/logger.js";
import { InteractionLog } from "../src/staff/interactionLog.js";
import { createStorage } from "../src/storage/createStorage.js";
import { benchActivity } from "./benchActivity.js";
import type { ConversationsMemory } from "./conversationsMemory.js";
import { BENCH_MESSAGES } from "./messages.js";

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const config = loadConfig({ ...process.env, LOG_LEVEL: "silent" }, listComuni);
  const logger = createLogger(config.logLevel);
  // What createApp builds, minus the HTTP server, the website widget and the knowledge file watcher.
  const storage = createStorage(config.storage);
  const interactions = new InteractionLog({ dir: config.interactions.dir, retentionDays: config.interactions.retentionDays, logger });
  const { bot, knowledge } = createBotForComune(config.knowledgeDir, config.comune, createI18n(config.localesDir), storage, { interactions });
  const adapter = createAdapter(config.botAuth, knowledge, logger);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  let withoutReply = 0;
  for (let i = 0; i < count; i++) {
    const message = BENCH_MESSAGES[i % BENCH_MESSAGES.length]!;
    const activity = benchActivity(message, `rss-${i}`, i) as Activity;
    const response = await adapter.handleActivity("", activity, (context) => bot.run(context));
    const replies = (response.body as { activities?: unknown[] } | undefined)?.activities;
    if (!replies || replies.length === 0) withoutReply++;
    // Each HTTP request is a macrotask of its own, so the server reaches the event loop's I/O phase
    // between turns (the interaction log's file writes complete there). A loop of bare awaits would
    // never get there, and 100,000 pending writes would look like a leak.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - started) / 1000;
  const rssAfter = process.memoryUsage().rss;
  gc?.();
  const after = process.memoryUsage();
  const result: ConversationsMemory = {
    conversations: count,
    storage: storage.constructor.name,
    withoutReply,
    seconds: Math.round(seconds * 10) / 10,
    rssBeforeMb: mb(rssBefore),
    rssAfterMb: mb(rssAfter),
    rssAfterGcMb: mb(after.rss),
    heapUsedAfterGcMb: mb(after.heapUsed),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
