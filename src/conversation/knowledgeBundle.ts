import type { i18n } from "i18next";
import { ReplyComposer } from "../answers/replyComposer.js";
import type { Knowledge } from "../knowledge/loadKnowledge.js";
import { Router } from "../routing/router.js";
import type { KnowledgeStatus } from "../knowledge/watchKnowledge.js";
import { OfficeHours } from "./officeHours.js";

/** One comune's knowledge with the router and composer built from it; swapped whole on reload. */
export interface KnowledgeBundle {
  readonly knowledge: Knowledge;
  readonly router: Router;
  readonly composer: ReplyComposer;
  readonly officeHours: OfficeHours;
}

/** Where the bot gets the knowledge it serves on each turn (fixed, or reloaded from disk). */
export interface KnowledgeSource {
  current(): KnowledgeBundle;
  /** when the knowledge was loaded and the last reload error, for sources that reload */
  status?(): KnowledgeStatus;
}

export function createKnowledgeBundle(knowledge: Knowledge, i18n: i18n): KnowledgeBundle {
  return Object.freeze({
    knowledge,
    router: new Router(knowledge.entries, knowledge.lexicon, { emergency: knowledge.emergency }),
    composer: new ReplyComposer(knowledge, i18n),
    officeHours: new OfficeHours(knowledge.profile.monitoredHours, knowledge.profile.patronDay),
  });
}

/** A source that always serves the same bundle. */
export function fixedKnowledge(bundle: KnowledgeBundle): KnowledgeSource {
  return { current: () => bundle };
}
