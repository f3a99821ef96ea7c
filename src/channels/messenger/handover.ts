import type { StaffEvent } from "../../../dialogs/turnInput.js";
import type { InboundActivity } from "../activity.js";
import { postToGraph, type GraphApiOptions } from "./graphApi.js";
import { messengerDataOf } from "./normalizeIncoming.js";

/**
 * Messenger Handover Protocol pieces for a bot behind Azure Bot Service's Facebook channel.
 *
 * Sources (read, not guessed):
 * - "Using the Facebook Messenger Handover Protocol with the Microsoft Bot Framework", Kyle Delaney
 *   and the Azure Bot Service team (github.com/v-kydela/BotBlog, "Blog - Facebook Handovers.md"),
 *   and Eric Dahlvang's FacebookEventsBotExpanded sample it builds on. Passing control is a Graph
 *   API call made by the bot with the Page access token (POST /me/pass_thread_control with
 *   recipient.id = the user's page-scoped id = the activity's from.id). The channel documents no
 *   outgoing activity that does it: the event activity named "pass_thread_control" belongs to the
 *   self-hosted Facebook *adapter* (botbuilder-dotnet FacebookAdapter), not to Azure's channel.
 * - What the channel delivers, same sources and BotBuilderCommunity/botbuilder-community-dotnet#7:
 *   pass_thread_control and take_thread_control arrive as `conversationUpdate` activities with the
 *   Messenger payload in `channelData`; request_thread_control arrives as an `event` activity with
 *   the payload in `value`; standby messages arrive as an `event` named "standby" whose `value` is
 *   the array of messaging items (also in `channelData.standby`).
 * - The Page Inbox's app id, 263902037430900: Messenger's "Pass Thread Control" page.
 */
export const PAGE_INBOX_APP_ID = "263902037430900";

/**
 * What a handover event means for the bot:
 * - "returned": control was passed to the bot (staff marked the conversation done);
 * - "taken": the bot no longer has the conversation (taken by, or passed to, another app);
 * - "requested": the Page Inbox asks for the conversation (staff moved it to the inbox);
 * - "standby": a message the citizen sent while another app (staff) has the conversation.
 */
export type HandoverEvent = StaffEvent;

interface ThreadControl {
  readonly new_owner_app_id?: string | number;
  readonly previous_owner_app_id?: string | number | null;
  readonly requested_owner_app_id?: string | number;
  readonly metadata?: string;
}

interface HandoverPayload {
  readonly pass_thread_control?: ThreadControl;
  readonly take_thread_control?: ThreadControl;
  readonly request_thread_control?: ThreadControl;
  readonly standby?: readonly unknown[];
}

/** Recognises a handover event from the Facebook channel; undefined for anything else. */
export function handoverEventOf(activity: Partial<InboundActivity>): HandoverEvent | undefined {
  if (activity.channelId !== "facebook") return undefined;
  if (activity.type === "event" && activity.name === "standby") return "standby";
  const payloads = [messengerDataOf(activity), objectOf(activity.value)] as Array<HandoverPayload | undefined>;
  for (const payload of payloads) {
    if (!payload) continue;
    if (payload.pass_thread_control) {
      // Delivered to the app that receives control; the Page Inbox as new owner means staff have it.
      return String(payload.pass_thread_control.new_owner_app_id ?? "") === PAGE_INBOX_APP_ID ? "taken" : "returned";
    }
    if (payload.take_thread_control) return "taken";
    if (payload.request_thread_control) return "requested";
    if (Array.isArray(payload.standby)) return "standby";
  }
  return undefined;
}

/** The Messenger user a Facebook-channel activity is about (page-scoped id), for thread control. */
export function psidOf(activity: Partial<InboundActivity>): string | undefined {
  const fromPayload = messengerDataOf(activity)?.sender?.id;
  return fromPayload ?? (activity.channelId === "facebook" ? activity.from?.id : undefined);
}

/** The body of POST /me/pass_thread_control that hands the conversation to `targetAppId`. */
export function passThreadControlBody(psid: string, metadata: string, targetAppId: string = PAGE_INBOX_APP_ID) {
  return { recipient: { id: psid }, target_app_id: targetAppId, metadata };
}

/**
 * Hands the citizen's conversation to the Page Inbox, where staff answer it. `metadata` reaches
 * the receiving app: never put what the citizen wrote in it.
 */
export async function passThreadControl(psid: string, metadata: string, options: GraphApiOptions): Promise<void> {
  await postToGraph("/me/pass_thread_control", passThreadControlBody(psid, metadata), options);
}

function objectOf(value: unknown): object | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}
