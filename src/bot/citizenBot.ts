import { ActivityHandler, ConversationState, type StatePropertyAccessor, type TurnContext } from "botbuilder";
import type { DialogState } from "botbuilder-dialogs";
import { MainDialog } from "../../dialogs/mainDialog.js";
import { renderReply } from "../channels/renderReply.js";
import type { ConversationData } from "../conversation/conversationData.js";
import { chooseLanguage } from "../conversation/chooseLanguage.js";
import type { KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { systemClock, type Clock } from "../conversation/officeHours.js";

/**
 * The Bot Framework face of the bot: welcomes new conversations once, hands messages to the main
 * dialog, and saves the conversation's state after every turn.
 */
export class CitizenBot extends ActivityHandler {
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialog: MainDialog;

  constructor(
    private readonly knowledge: KnowledgeSource,
    private readonly conversationState: ConversationState,
    clock: Clock = systemClock,
  ) {
    super();
    this.conversationData = conversationState.createProperty<ConversationData>("conversationData");
    this.dialogState = conversationState.createProperty<DialogState>("dialogState");
    this.dialog = new MainDialog({ knowledge, conversationData: this.conversationData, clock });

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
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }

  /** Sends the welcome once per conversation, whatever the channel sends to start it. */
  private async welcome(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, {});
    if (data.welcomed) return;
    data.welcomed = true;
    const language = chooseLanguage(data.language, undefined, context.activity.locale);
    await context.sendActivity(renderReply(this.knowledge.current().composer.welcome(language), context.activity.channelId));
  }
}
