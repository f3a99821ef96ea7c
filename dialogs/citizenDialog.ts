import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from "botbuilder-dialogs";
import { answerEntry } from "../src/conversation/answerMessage.js";
import { commandOf } from "../src/text/lexicon.js";
import { languageRequestOf } from "../src/conversation/languageRequest.js";
import { chooseLanguage } from "../src/conversation/chooseLanguage.js";
import type { DialogServices } from "./dialogServices.js";
import type { Topic } from "../src/knowledge/topics.js";
import { renderReply } from "../src/channels/renderReply.js";
import { TURN_OUTCOME } from "../src/bot/turnOutcome.js";
import { sendAnswer } from "./sendAnswer.js";

/**
 * Base of the bot's dialogs: handles what a citizen may say at any point — "menu"/"aiuto" shows the
 * menu and starts over, a request for a language ("in inglese", "can you speak Italian?") switches the
 * conversation's language — before the dialog itself sees the message.
 */
export abstract class CitizenDialog extends ComponentDialog {
  protected constructor(id: string, protected readonly services: DialogServices) {
    super(id);
  }

  protected override async onBeginDialog(inner: DialogContext, options?: object): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onBeginDialog(inner, options);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = inner.context;
    const text = context.activity.text ?? "";
    const bundle = this.services.knowledge.current();
    const data = await this.services.conversationData.get(context, {});
    const helpful = bundle.composer.feedbackOf(text);
    const answered = bundle.knowledge.entries.find((e) => e.id === data.lastEntry);
    if (helpful !== undefined && answered) {
      await this.thankForFeedback(inner, helpful, answered.id, answered.topic);
      return inner.activeDialog ? { status: DialogTurnStatus.waiting } : inner.cancelAllDialogs();
    }
    const requested = languageRequestOf(text, bundle.knowledge.lexicon);
    if (requested) {
      data.language = requested;
      const menu = bundle.composer.menu(data.language);
      await sendAnswer(context, this.services, {
        reply: { text: bundle.composer.t(data.language, "languageSwitched"), buttons: [], suggestions: [menu] },
        outcome: { topic: "chat.help", entry: null, score: 1 },
        language: data.language,
      });
      // A pending question stays pending: the citizen only changed language.
      return inner.activeDialog ? { status: DialogTurnStatus.waiting } : inner.cancelAllDialogs();
    }
    if (commandOf(text, bundle.knowledge.lexicon) !== "menu") return undefined;
    const language = chooseLanguage(data.language, undefined, context.activity.locale);
    const help = bundle.knowledge.entries.find((e) => e.topic === "chat.help");
    const menuAnswer = help
      ? answerEntry(help, bundle, language, this.services.clock.now())
      : { reply: { text: bundle.composer.t(language, "menuIntro"), buttons: [], suggestions: [bundle.composer.menu(language)] }, outcome: { topic: "chat.help" as const, entry: null, score: 1 }, language };
    await sendAnswer(context, this.services, menuAnswer);
    return inner.cancelAllDialogs();
  }

  /** Records whether the last answer helped (entry and topic only) and thanks the citizen. */
  private async thankForFeedback(inner: DialogContext, helpful: boolean, entry: string, topic: Topic): Promise<void> {
    const context = inner.context;
    const { composer, knowledge } = this.services.knowledge.current();
    const data = await this.services.conversationData.get(context, {});
    const language = chooseLanguage(data.language, undefined, context.activity.locale);
    void this.services.interactions.recordFeedback({ comune: knowledge.comune, entry, topic, helpful, at: this.services.clock.now() });
    const text = helpful ? composer.t(language, "feedback.thanks") : composer.t(language, "feedback.sorry", composer.contactParams(language));
    await context.sendActivities(renderReply({ text, buttons: [], suggestions: [composer.menu(language)] }, context.activity.channelId));
    context.turnState.set(TURN_OUTCOME, { topic: "chat.thanks", entry: null, score: 1 });
  }
}
