import { answerEntry, type AnsweredMessage } from "../src/conversation/answerMessage.js";
import { chooseLanguage } from "../src/conversation/chooseLanguage.js";
import { languageRequestOf } from "../src/conversation/languageRequest.js";
import { commandOf } from "../src/text/lexicon.js";
import type { MessageInput } from "./turnInput.js";
import type { TurnResult } from "./turnResult.js";
import { answer, lineWithMenu, say, type CoreTurn } from "./turnParts.js";

/**
 * What a citizen may say at any point, before the message is routed and even while the bot waits for
 * a choice: feedback on the last answer ("sì, utile"), a request for a language ("in inglese"), or
 * "menu"/"aiuto". Undefined when the message is none of these.
 */
export function interruption(input: MessageInput, turn: CoreTurn): TurnResult | undefined {
  return feedback(input, turn) ?? languageSwitch(input, turn) ?? menu(input, turn);
}

/** Records whether the last answer helped (entry and topic only) and thanks the citizen; a pending choice stays pending. */
function feedback(input: MessageInput, { bundle, state, now }: CoreTurn): TurnResult | undefined {
  const helpful = bundle.composer.feedbackOf(input.text);
  if (helpful === undefined || state.lastEntry === undefined) return undefined;
  const answered = bundle.knowledge.entries.find((e) => e.id === state.lastEntry);
  if (!answered) return undefined;
  const { composer, knowledge } = bundle;
  const language = chooseLanguage(state.language, undefined, input.locale);
  const text = helpful ? composer.t(language, "feedback.thanks") : composer.t(language, "feedback.sorry", composer.contactParams(language));
  return {
    ...say(lineWithMenu(bundle, language, text), language, state, { topic: "chat.thanks", entry: null, score: 1 }),
    effects: [{ kind: "recordFeedback", feedback: { comune: knowledge.comune, entry: answered.id, topic: answered.topic, helpful, at: now } }],
  };
}

/** Switches the conversation's language; a pending question stays pending: the citizen only changed language. */
function languageSwitch(input: MessageInput, turn: CoreTurn): TurnResult | undefined {
  const { bundle } = turn;
  const requested = languageRequestOf(input.text, bundle.knowledge.lexicon);
  if (!requested) return undefined;
  const switched: AnsweredMessage = {
    reply: lineWithMenu(bundle, requested, bundle.composer.t(requested, "languageSwitched")),
    outcome: { topic: "chat.help", entry: null, score: 1 },
    language: requested,
  };
  return answer(switched, turn, input.text, input.conversationId, { ...turn.state, language: requested });
}

/** "menu", "aiuto": the help entry with the menu, and whatever was pending is dropped. */
function menu(input: MessageInput, turn: CoreTurn): TurnResult | undefined {
  const { bundle, state, now } = turn;
  if (commandOf(input.text, bundle.knowledge.lexicon) !== "menu") return undefined;
  const language = chooseLanguage(state.language, undefined, input.locale);
  const help = bundle.knowledge.entries.find((e) => e.topic === "chat.help");
  const answered: AnsweredMessage = help
    ? answerEntry(help, bundle, language, now)
    : { reply: lineWithMenu(bundle, language, bundle.composer.t(language, "menuIntro")), outcome: { topic: "chat.help", entry: null, score: 1 }, language };
  const { pending: _dropped, ...rest } = state;
  return answer(answered, turn, input.text, input.conversationId, rest);
}
