import { TurnContext, type StatePropertyAccessor } from "botbuilder";
import {
  DialogSet,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
  type DialogTurnResult,
} from "botbuilder-dialogs";
import { answerEntry, answerMessage } from "../src/conversation/answerMessage.js";
import { foldText } from "../src/text/foldText.js";
import type { Language } from "../src/text/stemWord.js";
import { CitizenDialog } from "./citizenDialog.js";
import type { DialogServices } from "./dialogServices.js";
import { sendAnswer } from "./sendAnswer.js";

export const MAIN_DIALOG = "mainDialog";
/** The turn-state key under which botbuilder-dialogs looks for its memory configuration. */
const DIALOG_STATE_MANAGER_CONFIGURATION = "DialogStateManagerConfiguration";
export const MAIN_WATERFALL = "mainWaterfall";
export const CLARIFY_PROMPT = "clarifyPrompt";

interface ClarifyValues {
  candidates?: string[];
  language?: Language;
}

/**
 * The main flow: route the message and answer it; when two entries are equally likely, ask which
 * one was meant and answer the choice (or route the reply afresh if it is a new question).
 */
export class MainDialog extends CitizenDialog {
  constructor(services: DialogServices) {
    super(MAIN_DIALOG, services);
    this.addDialog(new TextPrompt(CLARIFY_PROMPT));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.answerStep.bind(this), this.choiceStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Runs the dialog for one turn, starting it when nothing is pending. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    // botbuilder-dialogs rebuilds its memory-scope configuration on every turn unless the turn
    // already has one; the scopes hold no per-turn data, so the first turn's is kept and reused.
    if (this.memoryConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.memoryConfiguration);
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
    this.memoryConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION);
  }

  private memoryConfiguration: unknown;

  private async answerStep(step: WaterfallStepContext<ClarifyValues>): Promise<DialogTurnResult> {
    const context = step.context;
    const data = await this.services.conversationData.get(context, {});
    const bundle = this.services.knowledge.current();
    const answered = answerMessage(context.activity.text ?? "", bundle, data, {
      locale: context.activity.locale,
      now: this.services.clock.now(),
    });
    if (answered.outcome.topic === "redirect.human" && (await this.handOverToStaff(context, answered.language))) {
      return step.endDialog();
    }
    if (!answered.clarification) {
      await sendAnswer(context, this.services, answered);
      return step.endDialog();
    }
    (step.values as ClarifyValues).candidates = answered.clarification.map((e) => e.id);
    (step.values as ClarifyValues).language = answered.language;
    await sendAnswer(context, this.services, answered);
    // The question was sent with its choices; the prompt only waits for the answer.
    return step.prompt(CLARIFY_PROMPT, {});
  }

  /**
   * During monitored hours, on a channel with a staff inbox, a citizen who asks for a person is
   * told so and handed over; the bot then stays silent until staff give the conversation back.
   */
  private async handOverToStaff(context: TurnContext, language: Language): Promise<boolean> {
    const { handover, clock, knowledge } = this.services;
    const bundle = knowledge.current();
    if (!handover.canPassToStaff(context.activity) || !bundle.officeHours.status(clock.now()).open) return false;
    const data = await this.services.conversationData.get(context, {});
    await sendAnswer(context, this.services, {
      reply: { text: bundle.composer.t(language, "handover.passed", { name: bundle.knowledge.profile.name }), buttons: [], suggestions: [] },
      outcome: { topic: "redirect.human", entry: null, score: 1 },
      language,
    });
    if (!(await handover.passToStaff(context.activity))) return false;
    data.handover = { since: clock.now().toISOString() };
    return true;
  }

  private async choiceStep(step: WaterfallStepContext<ClarifyValues>): Promise<DialogTurnResult> {
    const values = step.values as ClarifyValues;
    const bundle = this.services.knowledge.current();
    const language = values.language ?? "it";
    const choice = foldText(String(step.result ?? ""));
    const picked = bundle.knowledge.entries.find(
      (e) => values.candidates?.includes(e.id) && foldText(bundle.composer.label(e, language)) === choice,
    );
    if (!picked) return step.replaceDialog(MAIN_WATERFALL);
    await sendAnswer(step.context, this.services, answerEntry(picked, bundle, language, this.services.clock.now()));
    return step.endDialog();
  }
}
