import { ConversationState, type Storage } from "botbuilder";
import type { i18n } from "i18next";
import { createKnowledgeBundle, fixedKnowledge, type KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { loadCheckedKnowledge } from "../knowledge/checkKnowledge.js";
import { BoundedMemoryStorage } from "../storage/boundedMemoryStorage.js";
import { CitizenBot, type CitizenBotOptions } from "./citizenBot.js";

/** Loads a comune's knowledge and builds its bot: the same wiring for the server and the ask command. */
export function createBotForComune(
  knowledgeDir: string,
  comune: string,
  i18n: i18n,
  storage: Storage = new BoundedMemoryStorage(),
  options: CitizenBotOptions = {},
): { bot: CitizenBot; knowledge: KnowledgeSource } {
  // The same checks as hot reload and `npm run knowledge:check`, so every path accepts the same files.
  const knowledge = fixedKnowledge(createKnowledgeBundle(loadCheckedKnowledge(knowledgeDir, comune), i18n));
  return { bot: new CitizenBot(knowledge, new ConversationState(storage), options), knowledge };
}
