import { ConversationState, type Storage } from "botbuilder";
import type { i18n } from "i18next";
import { createKnowledgeBundle, fixedKnowledge, type KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { loadKnowledge } from "../knowledge/loadKnowledge.js";
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
  const knowledge = fixedKnowledge(createKnowledgeBundle(loadKnowledge(knowledgeDir, comune), i18n));
  return { bot: new CitizenBot(knowledge, new ConversationState(storage), options), knowledge };
}
