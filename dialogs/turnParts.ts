import type { Reply, TurnOutcome } from "../src/answers/reply.js";
import type { AnsweredMessage } from "../src/conversation/answerMessage.js";
import type { KnowledgeBundle } from "../src/conversation/knowledgeBundle.js";
import type { Language } from "../src/text/stemWord.js";
import type { ConversationState } from "./conversationState.js";
import { finishAnswer } from "./finishAnswer.js";
import type { TurnResult } from "./turnResult.js";

/** What every flow knows of the turn it handles. */
export interface CoreTurn {
  readonly bundle: KnowledgeBundle;
  readonly state: ConversationState;
  readonly now: Date;
}

/** A turn that says one reply as it is (no notice, disclosure or feedback added). */
export function say(reply: Reply, language: Language, state: ConversationState, outcome?: TurnOutcome): TurnResult {
  return { replies: [reply], language, state, effects: [], ...(outcome ? { outcome } : {}) };
}

/** A turn that says nothing and changes nothing. */
export function silence(state: ConversationState, language: Language = "it"): TurnResult {
  return { replies: [], language, state, effects: [] };
}

/** A turn that gives an answer, finished with what the conversation still owes (see finishAnswer). */
export function answer(answered: AnsweredMessage, turn: CoreTurn, text: string, conversationId?: string, state: ConversationState = turn.state): TurnResult {
  const finished = finishAnswer(answered, turn.bundle, state, text, turn.now, conversationId);
  return { replies: [finished.reply], language: answered.language, outcome: answered.outcome, state: finished.state, effects: finished.records };
}

/** The menu as a suggestion set in the language, under a plain line of text. */
export function lineWithMenu(bundle: KnowledgeBundle, language: Language, text: string): Reply {
  return { text, buttons: [], suggestions: [bundle.composer.menu(language)] };
}
