import { ConversationState, MemoryStorage, TestAdapter, type Activity } from "botbuilder";
import type { TurnOutcome } from "../../src/answers/reply.js";
import { CitizenBot } from "../../src/bot/citizenBot.js";
import { TURN_OUTCOME } from "../../src/bot/turnOutcome.js";
import { describeActivities } from "../../src/channels/describeActivities.js";
import { fixedKnowledge } from "../../src/conversation/knowledgeBundle.js";
import { realBundle } from "./realKnowledge.js";

/** The real bot on the Bot Framework test adapter, with the shipped knowledge of one comune. */
export function testBot(comune: string, locale = "it-IT") {
  const bot = new CitizenBot(fixedKnowledge(realBundle(comune)), new ConversationState(new MemoryStorage()));
  const outcomes: TurnOutcome[] = [];
  const adapter = new TestAdapter(async (context) => {
    await bot.run(context);
    const outcome = context.turnState.get(TURN_OUTCOME) as TurnOutcome | undefined;
    if (outcome) outcomes.push(outcome);
  });
  adapter.locale = locale;
  return { bot, adapter, outcomes };
}

/** Sends one activity and returns everything the bot answered in that turn. */
export async function turn(adapter: TestAdapter, input: string | Partial<Activity>): Promise<Array<Partial<Activity>>> {
  const before = adapter.activeQueue.length;
  await adapter.receiveActivity(typeof input === "string" ? input : { locale: adapter.locale, ...input });
  return adapter.activeQueue.splice(before);
}

export function seen(activities: ReadonlyArray<Partial<Activity>>): string {
  return describeActivities(activities);
}

export const conversationStart = (userId = "user"): Partial<Activity> => ({
  type: "conversationUpdate",
  membersAdded: [{ id: userId, name: "Citizen" }],
});
