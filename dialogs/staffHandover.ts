import type { AnsweredMessage } from "../src/conversation/answerMessage.js";
import { chooseLanguage } from "../src/conversation/chooseLanguage.js";
import type { ConversationState } from "./conversationState.js";
import type { MessageInput, StaffInput } from "./turnInput.js";
import type { TurnResult } from "./turnResult.js";
import { answer, lineWithMenu, say, silence, type CoreTurn } from "./turnParts.js";

/** Keeps the conversation's handover state in step with the channel's thread control. */
export function staffEvent(input: StaffInput, { bundle, state, now }: CoreTurn): TurnResult {
  switch (input.event) {
    case "returned": {
      const { handover: _ended, ...rest } = state;
      const language = chooseLanguage(state.language, undefined, input.locale);
      return say(lineWithMenu(bundle, language, bundle.composer.t(language, "handover.returned")), language, rest);
    }
    case "taken":
      return silence({ ...state, handover: { since: now.toISOString() } });
    case "requested":
      return {
        ...silence({ ...state, handover: { since: now.toISOString() } }),
        effects: [{ kind: "passToStaff", ifRefused: { replies: [], state, effects: [] } }],
      };
    case "standby":
      return silence(state);
  }
}

/**
 * During monitored hours, on a channel with a staff inbox, a citizen who asks for a person is told so
 * and handed over; the bot then stays silent until staff give the conversation back. Should the
 * channel refuse, the citizen gets the usual answer on how to reach a person. Undefined when the
 * conversation cannot be handed over now.
 */
export function handOverToStaff(answered: AnsweredMessage, input: MessageInput, turn: CoreTurn): TurnResult | undefined {
  const { bundle, now } = turn;
  if (!input.canHandOver || !bundle.officeHours.status(now).open) return undefined;
  const passed: AnsweredMessage = {
    reply: { text: bundle.composer.t(answered.language, "handover.passed", { name: bundle.knowledge.profile.name }), buttons: [], suggestions: [] },
    outcome: { topic: "redirect.human", entry: null, score: 1 },
    language: answered.language,
  };
  const told = answer(passed, turn, input.text, input.conversationId);
  const handedOver: ConversationState = { ...told.state, handover: { since: now.toISOString() } };
  const usual = answer(answered, { ...turn, state: told.state }, input.text, input.conversationId);
  return {
    ...told,
    state: handedOver,
    effects: [...told.effects, { kind: "passToStaff", ifRefused: { replies: usual.replies, outcome: usual.outcome, state: usual.state, effects: usual.effects } }],
  };
}
