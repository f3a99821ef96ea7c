import { randomBytes } from "node:crypto";
import type { ChannelAccount, InboundActivity } from "../../../channels/activity.js";
import type { TurnLogic } from "../../messagingHost.js";
import {
  DirectLineConversations,
  type ActivitySet,
  type ConversationLimits,
  type DirectLineActivity,
  type DirectLineConversation,
  type IssuedToken,
} from "./directLineConversations.js";

/** The channel id the bot sees for conversations of the local Direct Line, as with the real service. */
export const LOCAL_CHANNEL_ID = "directline";

/** Longest text a citizen may send in one message. */
export const MAX_TEXT_LENGTH = 5000;

/**
 * Largest `value` or `channelData` a client may post, as JSON characters. Web Chat sends a few hundred
 * (a client activity id, a timestamp, a postback); each activity stays in the transcript, so more
 * would only be memory for a stranger to fill.
 */
export const MAX_EXTRA_JSON_LENGTH = 4096;

/** A request the local Direct Line refuses; status and code follow the Direct Line 3.0 error shape. */
export class DirectLineRequestError extends Error {
  override readonly name = "DirectLineRequestError";
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly code: "BadArgument" | "TokenExpired" | "ConversationNotFound" | "TooManyRequests",
    message: string,
    /** with a 429: when the client may try again, sent as Retry-After */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** What a client may post to a conversation; everything else in its body is ignored. */
export interface ClientActivity {
  readonly type: "message" | "event" | "typing";
  readonly text?: string;
  readonly value?: unknown;
  readonly name?: string;
  readonly locale?: string;
  readonly channelData?: Record<string, unknown>;
  readonly fromName?: string;
}

/** The optional body of a start-conversation or generate-token request. */
export interface StartRequest {
  readonly userId?: string;
  readonly locale?: string;
}

export interface LocalDirectLineOptions {
  /** the comune's turn logic, the same the hosts run (it answers its own failures) */
  readonly runTurn: TurnLogic;
  /** who the bot is in these conversations */
  readonly botAccount: ChannelAccount;
  readonly limits?: ConversationLimits;
  readonly now?: () => number;
}

const USER_ID = /^[A-Za-z0-9_.:@-]{1,128}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/**
 * A subset of Direct Line 3.0 served by the bot itself, so that stock Web Chat works on localhost with no
 * Azure account: generate and refresh tokens, start and reconnect conversations, post activities and
 * poll them with a watermark. Turns run in this process, through the same turn logic as the hosts:
 * nothing arrives from outside the process, so there is nothing to authenticate, and replies go
 * straight into the conversation's transcript instead of back through a channel service.
 */
export class LocalDirectLine {
  private readonly conversations: DirectLineConversations;
  private readonly now: () => number;

  constructor(private readonly options: LocalDirectLineOptions) {
    this.now = options.now ?? Date.now;
    this.conversations = new DirectLineConversations(options.limits, this.now);
  }

  /** Conversations currently kept in memory. */
  get size(): number {
    return this.conversations.size;
  }

  /** Approximate bytes of all the transcripts kept in memory. */
  get bytes(): number {
    return this.conversations.bytes;
  }

  /** POST /tokens/generate: a token for a conversation that starts when the client asks. */
  generateToken(request: StartRequest = {}): IssuedToken {
    const { conversation, issued } = this.conversations.create();
    conversation.userId = request.userId;
    return issued;
  }

  /**
   * POST /conversations: starts the conversation a token was generated for, and lets the bot greet the
   * user (a conversationUpdate with the user in membersAdded, in the page's locale). Starting it again
   * with the same token is accepted and changes nothing, as on the real service.
   */
  async start(token: string | undefined, request: StartRequest): Promise<{ created: boolean; issued: IssuedToken }> {
    const conversation = token === undefined ? undefined : this.conversations.findByToken(token);
    if (!conversation) throw forbidden();
    if (conversation.started) return { created: false, issued: this.conversations.currentToken(conversation) };
    conversation.started = true;
    conversation.userId ??= request.userId ?? `dl_${randomBytes(12).toString("hex")}`;
    conversation.locale = request.locale;
    const update = this.incoming(conversation, {
      type: "conversationUpdate",
      membersAdded: [{ id: conversation.userId, name: "" }],
    });
    await conversation.enqueue(() => this.runTurn(update));
    return { created: true, issued: this.conversations.currentToken(conversation) };
  }

  /** GET /conversations/:id: the conversation's current token, for a client that reconnects. */
  reconnect(conversationId: string, token: string | undefined): IssuedToken {
    return this.conversations.currentToken(this.authorize(conversationId, token));
  }

  /** POST /tokens/refresh: a new token for the conversation the given token belongs to. */
  refresh(token: string | undefined): IssuedToken {
    const conversation = token === undefined ? undefined : this.conversations.findByToken(token);
    if (!conversation) throw forbidden();
    return this.conversations.issueToken(conversation);
  }

  /**
   * POST /conversations/:id/activities: echoes the activity into the transcript (Web Chat waits for the
   * echo to mark a message as sent), then runs the bot's turn on it; returns the activity's id.
   */
  async post(conversationId: string, token: string | undefined, input: ClientActivity): Promise<string> {
    const conversation = this.authorize(conversationId, token);
    if (!conversation.started) throw new DirectLineRequestError(400, "BadArgument", "Start the conversation before posting to it.");
    // Typing is shown to nobody here: the real service only relays it over WebSocket.
    if (input.type === "typing") return "";
    const { fromName, ...fields } = input;
    // A citizen's text is plain, as Web Chat posts it: echoed without textFormat, Web Chat would render its markdown.
    const activity = this.incoming(conversation, { ...fields, textFormat: "plain", from: { id: conversation.userId ?? "", name: fromName ?? "" } });
    const id = this.conversations.append(conversation.id, activity) ?? "";
    await conversation.enqueue(() => this.runTurn({ ...activity, id }));
    return id;
  }

  /** GET /conversations/:id/activities?watermark=N: what happened after the watermark. */
  activities(conversationId: string, token: string | undefined, watermark: number): ActivitySet {
    const conversation = this.authorize(conversationId, token);
    const set = conversation.since(watermark);
    if (!set) throw new DirectLineRequestError(400, "BadArgument", "The watermark is ahead of the conversation.");
    return set;
  }

  private authorize(conversationId: string, token: string | undefined): DirectLineConversation {
    const conversation = this.conversations.find(conversationId);
    if (!conversation) throw new DirectLineRequestError(404, "ConversationNotFound", "No such conversation, or it has expired.");
    if (token === undefined || !this.conversations.holdsToken(conversation, token)) throw forbidden();
    return conversation;
  }

  /** Runs the bot's turn; what it says goes into the transcript as the bot's reply to `activity`. */
  private runTurn(activity: DirectLineActivity & InboundActivity): Promise<void> {
    return this.options.runTurn(activity, async (replies) => {
      for (const reply of replies) {
        this.record({
          ...reply,
          from: { ...this.options.botAccount, role: "bot" },
          recipient: { id: activity.from?.id ?? "", name: "", role: "user" },
          conversation: activity.conversation,
          ...(activity.locale ? { locale: activity.locale } : {}),
          ...(activity.id ? { replyToId: activity.id } : {}),
        });
      }
    });
  }

  /** An activity from the user as the bot receives it from the Direct Line channel. */
  private incoming(conversation: DirectLineConversation, fields: Partial<DirectLineActivity> & { readonly type: string }): DirectLineActivity & InboundActivity {
    const locale = fields.locale ?? conversation.locale;
    return {
      ...fields,
      channelId: LOCAL_CHANNEL_ID,
      conversation: { id: conversation.id, isGroup: false, conversationType: "personal", name: "" },
      from: { id: conversation.userId ?? "", name: "", ...fields.from, role: "user" },
      recipient: { ...this.options.botAccount, role: "bot" },
      timestamp: new Date(this.now()),
      ...(locale ? { locale } : {}),
    };
  }

  /** What the bot sends, stamped and added to its conversation's transcript. */
  private record(activity: DirectLineActivity): string | undefined {
    const conversationId = activity.conversation?.id;
    if (!conversationId) return undefined;
    return this.conversations.append(conversationId, { ...activity, channelId: LOCAL_CHANNEL_ID, timestamp: new Date(this.now()) });
  }
}

function forbidden(): DirectLineRequestError {
  return new DirectLineRequestError(403, "TokenExpired", "The token is missing, wrong or expired.");
}

/** Reads the body of a start-conversation or generate-token request (both optional). */
export function parseStartRequest(body: unknown): StartRequest {
  if (body === undefined || body === null || body === "") return {};
  const object = asObject(body, "The body must be a JSON object.");
  const user = object.user === undefined ? undefined : asObject(object.user, "'user' must be an object with an 'id'.");
  const userId = optionalString(user?.id, "user.id", USER_ID);
  const locale = optionalString(object.locale, "locale", LOCALE);
  return { ...(userId ? { userId } : {}), ...(locale ? { locale } : {}) };
}

/** Reads an activity a client posts; anything it may not set (from, conversation, ids) is ignored. */
export function parseClientActivity(body: unknown): ClientActivity {
  const object = asObject(body, "The body must be a JSON activity object.");
  const type = object.type;
  if (type !== "message" && type !== "event" && type !== "typing") {
    throw new DirectLineRequestError(400, "BadArgument", "'type' must be \"message\", \"event\" or \"typing\".");
  }
  if (Array.isArray(object.attachments) && object.attachments.length > 0) {
    throw new DirectLineRequestError(400, "BadArgument", "Attachments are not accepted here.");
  }
  const text = optionalString(object.text, "text");
  if (text !== undefined && text.length > MAX_TEXT_LENGTH) {
    throw new DirectLineRequestError(400, "BadArgument", `'text' is longer than ${MAX_TEXT_LENGTH} characters.`);
  }
  if (type === "message" && text === undefined && object.value === undefined) {
    throw new DirectLineRequestError(400, "BadArgument", "A message needs a 'text' or a 'value'.");
  }
  const name = optionalString(object.name, "name", /^.{1,128}$/);
  const locale = optionalString(object.locale, "locale", LOCALE);
  const channelData = object.channelData === undefined ? undefined : asObject(object.channelData, "'channelData' must be an object.");
  for (const field of ["value", "channelData"] as const) {
    if ((JSON.stringify(object[field])?.length ?? 0) > MAX_EXTRA_JSON_LENGTH) {
      throw new DirectLineRequestError(400, "BadArgument", `'${field}' is larger than ${MAX_EXTRA_JSON_LENGTH} characters of JSON.`);
    }
  }
  const from = object.from === undefined ? undefined : asObject(object.from, "'from' must be an object.");
  const fromName = typeof from?.name === "string" ? from.name.slice(0, 128) : undefined;
  return {
    type,
    ...(text !== undefined ? { text } : {}),
    ...(object.value !== undefined ? { value: object.value } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(locale !== undefined ? { locale } : {}),
    ...(channelData !== undefined ? { channelData } : {}),
    ...(fromName ? { fromName } : {}),
  };
}

/** Reads a watermark query value: absent or empty means from the start. */
export function parseWatermark(value: string | null): number {
  if (value === null || value === "") return 0;
  if (!/^\d{1,9}$/.test(value)) throw new DirectLineRequestError(400, "BadArgument", "'watermark' must be a number.");
  return Number(value);
}

function asObject(value: unknown, message: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new DirectLineRequestError(400, "BadArgument", message);
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, field: string, pattern?: RegExp): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || (pattern && !pattern.test(value))) {
    throw new DirectLineRequestError(400, "BadArgument", `'${field}' is not valid.`);
  }
  return value;
}
