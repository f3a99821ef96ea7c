import { setTimeout as sleep } from "node:timers/promises";
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from "botbuilder";

/** Where the adapter puts what the bot sends; returns the id given to the activity, undefined if the conversation is gone. */
export type DeliverActivity = (activity: Partial<Activity>) => string | undefined;

/**
 * A Bot Framework adapter for turns that start inside this process (the local Direct Line): no channel
 * authentication, because nothing arrives from outside the process, and replies go straight into the
 * conversation's transcript instead of through a connector call back to a channel service.
 */
export class InProcessAdapter extends BotAdapter {
  constructor(private readonly deliver: DeliverActivity) {
    super();
  }

  /** Runs the bot's logic on one activity, through the adapter's middleware and turn-error handler. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(_context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === "delay") {
        await sleep(typeof activity.value === "number" ? activity.value : 1000);
        responses.push({ id: "" });
      } else if (activity.type === ActivityTypes.InvokeResponse || activity.type === ActivityTypes.Trace) {
        // Neither reaches a Direct Line client (traces are for the Emulator; this channel has no invokes).
        responses.push({ id: "" });
      } else {
        responses.push({ id: this.deliver(activity) ?? "" });
      }
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error("The local Direct Line cannot update an activity already sent.");
  }

  override async deleteActivity(): Promise<void> {
    throw new Error("The local Direct Line cannot delete an activity already sent.");
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: "ContinueConversation" }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
