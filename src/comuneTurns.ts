import type { i18n } from "i18next";
import type { Logger } from "pino";
import { createKnowledgeBundle, fixedKnowledge, type KnowledgeSource } from "./conversation/knowledgeBundle.js";
import { ConversationTurns, type ConversationTurnsDeps } from "./hosts/conversationTurns.js";
import { loadCheckedKnowledge } from "./knowledge/checkKnowledge.js";
import { MemoryStateStore } from "./storage/memoryStateStore.js";

/**
 * A comune's turn logic on fixed knowledge, loaded with the same checks as hot reload and
 * `npm run knowledge:check`: what the ask command and tests run, with state in memory unless given.
 */
export function comuneTurns(
  knowledgeDir: string,
  comune: string,
  i18n: i18n,
  logger: Logger,
  options: Partial<Omit<ConversationTurnsDeps, "knowledge" | "logger">> = {},
): { turns: ConversationTurns; knowledge: KnowledgeSource } {
  const knowledge = fixedKnowledge(createKnowledgeBundle(loadCheckedKnowledge(knowledgeDir, comune), i18n));
  const turns = new ConversationTurns({ store: new MemoryStateStore(), ...options, knowledge, logger });
  return { turns, knowledge };
}
