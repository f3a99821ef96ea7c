import type { StatePropertyAccessor } from "botbuilder";
import type { ConversationData } from "../src/conversation/conversationData.js";
import type { KnowledgeSource } from "../src/conversation/knowledgeBundle.js";
import type { Clock } from "../src/conversation/officeHours.js";
import type { StaffHandover } from "../src/conversation/handover.js";
import type { InteractionRecorder } from "../src/staff/interactionLog.js";

/** What every dialog of the bot is given: the knowledge it serves and the conversation's memory. */
export interface DialogServices {
  readonly knowledge: KnowledgeSource;
  readonly conversationData: StatePropertyAccessor<ConversationData>;
  readonly clock: Clock;
  readonly handover: StaffHandover;
  /** what staff learn from: questions answered, missed, and feedback (redacted, no user text in clear) */
  readonly interactions: InteractionRecorder;
}
