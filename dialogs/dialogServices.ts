import type { StatePropertyAccessor } from "botbuilder";
import type { ConversationData } from "../src/conversation/conversationData.js";
import type { KnowledgeSource } from "../src/conversation/knowledgeBundle.js";
import type { Clock } from "../src/conversation/officeHours.js";
import type { StaffHandover } from "../src/conversation/handover.js";

/** What every dialog of the bot is given: the knowledge it serves and the conversation's memory. */
export interface DialogServices {
  readonly knowledge: KnowledgeSource;
  readonly conversationData: StatePropertyAccessor<ConversationData>;
  readonly clock: Clock;
  readonly handover: StaffHandover;
}
