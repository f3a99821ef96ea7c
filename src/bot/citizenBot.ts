import { ActivityHandler, ConversationState, type StatePropertyAccessor, type TurnContext } from "botbuilder";
import type { DialogState } from "botbuilder-dialogs";
import { MainDialog } from "../../dialogs/mainDialog.js";
import { renderReply } from "../channels/renderReply.js";
import type { ConversationData } from "../conversation/conversationData.js";
import { chooseLanguage } from "../conversation/chooseLanguage.js";
import type { KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { systemClock, type Clock } from "../conversation/officeHours.js";
import { noStaffHandover, type StaffHandover } from "../conversation/handover.js";
import { noInteractionLog, type InteractionRecorder } from "../staff/interactionLog.js";
import { activeNotice } from "../knowledge/activeNotice.js";
import { handoverEventOf, type HandoverEvent } from "../channels/messenger/handover.js";
import { isGetStarted, typedTextOf } from "../channels/messenger/normalizeIncoming.js";

export interface CitizenBotOptions {
  /** the clock office hours are read from (fixed in tests and `ask --now`) */
  readonly clock?: Clock;
  /** how a conversation is handed to human staff, where the channel can */
  readonly handover?: StaffHandover;
  /** where questions, misses and feedback are recorded for staff */
  readonly interactions?: InteractionRecorder;
}

/**
 * The Bot Framework face of the bot: welcomes new conversations once, hands messages to the main
 * dialog, and saves the conversation's state after every turn.
 */
export class CitizenBot extends ActivityHandler {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialog: MainDialog;

  private readonly handover: StaffHandover;
  private readonly clock: Clock;

  constructor(
    private readonly knowledge: KnowledgeSource,
    private readonly conversationState: ConversationState,
    options: CitizenBotOptions = {},
  ) {
    super();
    this.conversationData = conversationState.createProperty<ConversationData>("conversationData");
    this.dialogState = conversationState.createProperty<DialogState>("dialogState");
    this.handover = options.handover ?? noStaffHandover;
    this.clock = options.clock ?? systemClock;
    this.dialog = new MainDialog({
      knowledge,
      conversationData: this.conversationData,
      clock: this.clock,
      handover: this.handover,
      interactions: options.interactions ?? noInteractionLog,
    });

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await this.welcome(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.dialog.run(context, this.dialogState);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // Buttons and quick replies on Messenger carry their text in the payload: treat it as typed.
    const typed = typedTextOf(activity);
    if (typed !== undefined) activity.text = typed;
    const data = await this.conversationData.get(context, {});
    const handoverEvent = handoverEventOf(activity);
    if (handoverEvent) {
      await this.onHandoverEvent(context, handoverEvent, data);
    } else if (data.handover && activity.type === "message") {
      // Staff have this conversation: anything the bot said now would talk over them.
    } else if (isGetStarted(activity)) {
      await this.welcome(context);
    } else {
      await super.run(context);
    }
    await this.conversationState.saveChanges(context, false);
  }

  /** Keeps the conversation's handover state in step with Messenger's thread control. */
  private async onHandoverEvent(context: TurnContext, event: HandoverEvent, data: ConversationData): Promise<void> {
    switch (event) {
      case "returned": {
        delete data.handover;
        const language = chooseLanguage(data.language, undefined, context.activity.locale);
        const composer = this.knowledge.current().composer;
        await context.sendActivities(
          renderReply({ text: composer.t(language, "handover.returned"), buttons: [], suggestions: [composer.menu(language)] }, context.activity.channelId),
        );
        return;
      }
      case "taken":
        data.handover = { since: new Date().toISOString() };
        return;
      case "requested":
        if (await this.handover.passToStaff(context.activity)) data.handover = { since: new Date().toISOString() };
        return;
      case "standby":
        return;
    }
  }

  /** Sends the welcome once per conversation, whatever the channel sends to start it. */
  private async welcome(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, {});
    if (data.welcomed) return;
    data.welcomed = true;
    const language = chooseLanguage(data.language, undefined, context.activity.locale);
    const { composer, knowledge } = this.knowledge.current();
    const notice = activeNotice(knowledge.profile, this.clock.now(), language);
    data.noticeShown = true;
    await context.sendActivities(renderReply(composer.welcome(language, notice), context.activity.channelId));
  }
}
