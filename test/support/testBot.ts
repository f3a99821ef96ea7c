import { OPEN_MODE } from "../../src/hosts/botAuthSettings.js";
import { randomUUID } from "node:crypto";
import type { TurnOutcome } from "../../src/answers/reply.js";
import type { InboundActivity, OutgoingActivity } from "../../src/channels/activity.js";
import { describeActivities } from "../../src/channels/describeActivities.js";
import type { BotSdk } from "../../src/config.js";
import type { StaffHandover } from "../../src/conversation/handover.js";
import { fixedKnowledge, type KnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import type { Clock } from "../../src/conversation/officeHours.js";
import { ConversationTurns } from "../../src/hosts/conversationTurns.js";
import { createHost } from "../../src/hosts/createHost.js";
import type { MessagingHost } from "../../src/hosts/messagingHost.js";
import { createLogger } from "../../src/logger.js";
import type { InteractionRecorder } from "../../src/staff/interactionLog.js";
import { MemoryStateStore } from "../../src/storage/memoryStateStore.js";
import type { StateStore } from "../../src/storage/stateStore.js";
import { realBundle } from "./realKnowledge.js";

/** The SDK the conversation tests run through: BOT_SDK, as for the server (botbuilder by default). */
export const TEST_SDK: BotSdk = process.env.BOT_SDK === "agents" ? "agents" : "botbuilder";


/** One conversation with the real bot, through a real host in open mode with `expectReplies`. */
export interface TestConversation {
  /** the channel's locale of every activity (it-IT unless said) */
  locale: string;
  channelId: string;
  readonly conversationId: string;
  readonly host: MessagingHost;
  readonly store: StateStore;
}

export interface TestBotOptions {
  readonly clock?: Clock;
  readonly interactions?: InteractionRecorder;
  readonly handover?: StaffHandover;
  readonly store?: StateStore;
  readonly channelId?: string;
  readonly sdk?: BotSdk;
}

/** The real bot with the shipped knowledge of one comune (or the bundle given), one conversation. */
export function testBot(comune: string | KnowledgeBundle, locale = "it-IT", options: TestBotOptions = {}) {
  const bundle = typeof comune === "string" ? realBundle(comune) : comune;
  const outcomes: TurnOutcome[] = [];
  const store = options.store ?? new MemoryStateStore();
  const turns = new ConversationTurns({
    knowledge: fixedKnowledge(bundle),
    store,
    logger: createLogger("silent"),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.interactions ? { interactions: options.interactions } : {}),
    ...(options.handover ? { handover: options.handover } : {}),
    onOutcome: (_activity, outcome) => outcomes.push(outcome),
  });
  const host = createHost({ sdk: options.sdk ?? TEST_SDK, auth: OPEN_MODE, runTurn: turns.run, logger: createLogger("silent") });
  const adapter: TestConversation = { locale, channelId: options.channelId ?? "test", conversationId: `convo-${randomUUID()}`, host, store };
  return { adapter, outcomes, turns };
}

/** Sends one activity (a text is a message) and returns everything the bot answered in that turn. */
export async function turn(conversation: TestConversation, input: string | Partial<InboundActivity>): Promise<SentActivity[]> {
  const fields = typeof input === "string" ? { type: "message", text: input } : input;
  const activity = {
    type: "message",
    id: randomUUID(),
    channelId: conversation.channelId,
    serviceUrl: "http://127.0.0.1:1/",
    from: { id: "user1", name: "User1", role: "user" },
    recipient: { id: "bot", name: "Bot", role: "bot" },
    conversation: { id: conversation.conversationId },
    locale: conversation.locale,
    timestamp: new Date().toISOString(),
    ...fields,
    deliveryMode: "expectReplies",
  };
  const result = await conversation.host.handleActivity("", activity as InboundActivity);
  if (result.status !== 200) throw new Error(`the host answered ${result.status}: ${JSON.stringify(result.body)}`);
  return ((result.body as { activities?: SentActivity[] } | undefined)?.activities ?? []).map(stripEnvelope);
}

/** A reply as the channel receives it: what the bot said, and the channel it went to. */
export type SentActivity = OutgoingActivity & { readonly channelId?: string };

/** Only what the bot said and where, without what the host added around it (ids, addresses, timestamps). */
function stripEnvelope(activity: SentActivity): SentActivity {
  const { type, text, textFormat, attachments, attachmentLayout, suggestedActions, channelId } = activity;
  return JSON.parse(JSON.stringify({ type, text, textFormat, attachments, attachmentLayout, suggestedActions, channelId })) as SentActivity;
}

export function seen(activities: ReadonlyArray<OutgoingActivity>): string {
  return describeActivities(activities);
}

export const conversationStart = (userId = "user1"): Partial<InboundActivity> => ({
  type: "conversationUpdate",
  membersAdded: [{ id: userId, name: "Citizen" }],
});
