import { answerEntry, answerMessage } from "../src/conversation/answerMessage.js";
import { chooseLanguage } from "../src/conversation/chooseLanguage.js";
import type { KnowledgeSource } from "../src/conversation/knowledgeBundle.js";
import { activeNotice } from "../src/knowledge/activeNotice.js";
import type { Clock } from "../src/conversation/officeHours.js";
import { foldText } from "../src/text/foldText.js";
import type { ConversationState } from "./conversationState.js";
import { interruption } from "./interruptions.js";
import { handOverToStaff, staffEvent } from "./staffHandover.js";
import type { MessageInput, TurnInput } from "./turnInput.js";
import type { TurnResult } from "./turnResult.js";
import { answer, say, silence, type CoreTurn } from "./turnParts.js";

/**
 * The conversation itself, free of any SDK and of HTTP: given what happened, the state the
 * conversation was in and the time, it says what to reply, what answered, the state to keep and what
 * the host must do (hand over to staff, record for staff). It never throws for anything a citizen
 * sends; a failure of the knowledge or the host is answered by the host with a `failed` turn.
 */
export class ConversationCore {
  constructor(private readonly knowledge: KnowledgeSource) {}

  handleTurn(input: TurnInput, state: ConversationState, clock: Clock): TurnResult {
    const turn: CoreTurn = { bundle: this.knowledge.current(), state, now: clock.now() };
    switch (input.kind) {
      case "message":
        // Staff have this conversation: anything the bot said now would talk over them.
        return state.handover ? silence(state) : message(input, turn);
      case "start":
        return welcome(input.locale, turn);
      case "staff":
        return staffEvent(input, turn);
      case "overLimit":
        return notice(turn, input.locale, "rateLimited");
      case "failed":
        return notice(turn, input.locale, "turnError");
    }
  }
}

/** A message: something said at any point, else the choice the bot waits for, else a new question. */
function message(input: MessageInput, turn: CoreTurn): TurnResult {
  return interruption(input, turn) ?? (turn.state.pending ? choice(input, turn) : undefined) ?? question(input, turn);
}

/** Routes the message and answers it; when two entries are equally likely, asks which one was meant. */
function question(input: MessageInput, turn: CoreTurn): TurnResult {
  const { bundle, now } = turn;
  const { pending: _replaced, ...state } = turn.state;
  const answered = answerMessage(input.text, bundle, state, { locale: input.locale, now });
  const fresh = { ...turn, state };
  if (answered.outcome.topic === "redirect.human") {
    const handedOver = handOverToStaff(answered, input, fresh);
    if (handedOver) return handedOver;
  }
  const result = answer(answered, fresh, input.text, input.conversationId);
  if (!answered.clarification) return result;
  const [first, second] = answered.clarification;
  return { ...result, state: { ...result.state, pending: { candidates: [first.id, second.id], language: answered.language } } };
}

/** The reply to "which did you mean?": the chosen entry's answer, or undefined when the reply is a new question. */
function choice(input: MessageInput, turn: CoreTurn): TurnResult | undefined {
  const { bundle, now } = turn;
  const pending = turn.state.pending!;
  const chosen = foldText(input.text);
  const picked = bundle.knowledge.entries.find((e) => pending.candidates.includes(e.id) && foldText(bundle.composer.label(e, pending.language)) === chosen);
  if (!picked) return undefined;
  const { pending: _answered, ...state } = turn.state;
  return answer(answerEntry(picked, bundle, pending.language, now), { ...turn, state }, input.text, input.conversationId);
}

/** The welcome, once per conversation, whatever the channel sends to start it. */
function welcome(locale: string | undefined, { bundle, state, now }: CoreTurn): TurnResult {
  if (state.welcomed) return silence(state);
  const language = chooseLanguage(state.language, undefined, locale);
  const notice = activeNotice(bundle.knowledge.profile, now, language);
  return say(bundle.composer.welcome(language, notice), language, { ...state, welcomed: true, noticeShown: true });
}

/** A one-line notice in the conversation's language (the rate limit, a failed turn): 112 stays in it. */
function notice({ bundle, state }: CoreTurn, locale: string | undefined, kind: "rateLimited" | "turnError"): TurnResult {
  const language = chooseLanguage(state.language, undefined, locale);
  const text = kind === "rateLimited" ? bundle.composer.rateLimited(language) : bundle.composer.turnError(language);
  return say({ text, buttons: [], suggestions: [] }, language, state);
}
