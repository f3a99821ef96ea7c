import { randomBytes, timingSafeEqual } from "node:crypto";
import type { ChannelAccount, ConversationAccount } from "../../../channels/activity.js";

/** How much the local Direct Line keeps in memory, and for how long. */
export interface ConversationLimits {
  /** conversations kept at once; the least recently used goes first */
  readonly maxConversations: number;
  /** a conversation nobody polled or wrote to for this long is forgotten */
  readonly idleSeconds: number;
  /** life of a token; a refresh issues a new one */
  readonly tokenSeconds: number;
  /** activities kept per conversation; older ones drop out of the transcript */
  readonly maxActivities: number;
  /** approximate bytes of transcript kept per conversation; older activities drop out beyond it (the newest always stays) */
  readonly maxTranscriptBytes?: number;
  /** approximate bytes of all transcripts together; beyond it the least recently used conversations are forgotten */
  readonly maxTotalBytes?: number;
}

export const DEFAULT_CONVERSATION_LIMITS: ConversationLimits = Object.freeze({
  maxConversations: 1000,
  idleSeconds: 30 * 60,
  tokenSeconds: 30 * 60,
  maxActivities: 200,
  maxTranscriptBytes: 64 * 1024,
  maxTotalBytes: 16 * 1024 * 1024,
});

/**
 * What an activity costs in memory, roughly: its JSON length, doubled because V8 may keep a string
 * in two bytes per character. Exact accounting would cost more than the memory it protects.
 */
export function approximateBytes(value: unknown): number {
  return 2 * (JSON.stringify(value)?.length ?? 0);
}

/** What a client gets when it receives or refreshes a token (the Direct Line 3.0 Conversation object). */
export interface IssuedToken {
  readonly conversationId: string;
  readonly token: string;
  readonly expires_in: number;
}

/**
 * An activity as the local Direct Line keeps it in a transcript and serves it to Web Chat: the user's,
 * as posted, and the bot's, as rendered; both are plain JSON.
 */
export interface DirectLineActivity {
  readonly type: string;
  readonly id?: string;
  readonly channelId?: string;
  readonly conversation?: ConversationAccount;
  readonly from?: ChannelAccount;
  readonly recipient?: ChannelAccount;
  readonly text?: string;
  readonly locale?: string;
  readonly timestamp?: Date;
  readonly replyToId?: string;
  readonly [field: string]: unknown;
}

/** The activities after a watermark, and the watermark to ask from next time (Direct Line's ActivitySet). */
export interface ActivitySet {
  readonly activities: ReadonlyArray<DirectLineActivity>;
  readonly watermark: string;
}

interface Token {
  readonly value: string;
  readonly expiresAt: number;
}

/** One local Direct Line conversation: who is in it, its tokens and its transcript. */
export class DirectLineConversation {
  userId: string | undefined;
  locale: string | undefined;
  started = false;
  lastUsedAt: number;
  /** the current token first; the one it replaced stays valid until it expires, so in-flight polls survive a refresh */
  tokens: Token[] = [];
  private readonly transcript: Array<{ readonly activity: DirectLineActivity; readonly bytes: number }> = [];
  private dropped = 0;
  /** approximate bytes of the transcript kept */
  bytes = 0;
  private turns: Promise<unknown> = Promise.resolve();

  constructor(readonly id: string, now: number) {
    this.lastUsedAt = now;
  }

  /** Runs turns of this conversation one after the other, as the bot's state expects. */
  enqueue<T>(turn: () => Promise<T>): Promise<T> {
    const run = this.turns.then(turn);
    this.turns = run.catch(() => undefined);
    return run;
  }

  /** Adds an activity to the transcript, dropping the oldest beyond the limits; returns its id. */
  append(activity: DirectLineActivity, limits: Pick<ConversationLimits, "maxActivities" | "maxTranscriptBytes">): string {
    const sequence = this.dropped + this.transcript.length;
    const id = `${this.id}|${String(sequence).padStart(7, "0")}`;
    const stored = { ...activity, id };
    const bytes = approximateBytes(stored);
    this.transcript.push({ activity: stored, bytes });
    this.bytes += bytes;
    const maxBytes = limits.maxTranscriptBytes ?? Infinity;
    while (this.transcript.length > 1 && (this.transcript.length > limits.maxActivities || this.bytes > maxBytes)) {
      this.bytes -= this.transcript.shift()?.bytes ?? 0;
      this.dropped += 1;
    }
    return id;
  }

  /** The activities after `watermark`, or undefined when the watermark is ahead of the transcript. */
  since(watermark: number): ActivitySet | undefined {
    const total = this.dropped + this.transcript.length;
    if (watermark > total) return undefined;
    const kept = this.transcript.slice(Math.max(watermark, this.dropped) - this.dropped);
    return { activities: kept.map((entry) => entry.activity), watermark: String(total) };
  }
}

/**
 * The local Direct Line's memory: conversations by id and by token, bounded in number and forgotten
 * after a while without use, so that an open port cannot grow the process without limit.
 */
export class DirectLineConversations {
  private readonly byId = new Map<string, DirectLineConversation>();
  private readonly byToken = new Map<string, DirectLineConversation>();
  private totalBytes = 0;

  constructor(
    private readonly limits: ConversationLimits = DEFAULT_CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  /** Approximate bytes of all the transcripts kept. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Opens a conversation with a fresh token, making room if needed. */
  create(): { conversation: DirectLineConversation; issued: IssuedToken } {
    this.forgetIdle();
    while (this.byId.size >= this.limits.maxConversations) {
      const oldest = this.byId.values().next().value;
      if (!oldest) break;
      this.forget(oldest);
    }
    const conversation = new DirectLineConversation(randomBytes(16).toString("base64url"), this.now());
    this.byId.set(conversation.id, conversation);
    return { conversation, issued: this.issueToken(conversation) };
  }

  /** The conversation with this id, if it is still kept; marks it as used. */
  find(id: string): DirectLineConversation | undefined {
    const conversation = this.byId.get(id);
    if (!conversation) return undefined;
    if (this.isIdle(conversation)) {
      this.forget(conversation);
      return undefined;
    }
    this.touch(conversation);
    return conversation;
  }

  /** The conversation a valid, unexpired token belongs to. */
  findByToken(token: string): DirectLineConversation | undefined {
    const conversation = this.byToken.get(token);
    if (!conversation || !this.holdsToken(conversation, token)) return undefined;
    return this.find(conversation.id);
  }

  /** Whether `token` is a valid, unexpired token of this conversation (compared in constant time). */
  holdsToken(conversation: DirectLineConversation, token: string): boolean {
    const given = Buffer.from(token);
    return conversation.tokens.some((t) => {
      const expected = Buffer.from(t.value);
      return t.expiresAt > this.now() && expected.length === given.length && timingSafeEqual(expected, given);
    });
  }

  /** Issues a new token for the conversation; the previous one stays valid until it expires. */
  issueToken(conversation: DirectLineConversation): IssuedToken {
    const now = this.now();
    const token: Token = { value: randomBytes(32).toString("base64url"), expiresAt: now + this.limits.tokenSeconds * 1000 };
    const kept = [token, ...conversation.tokens.slice(0, 1)].filter((t) => t.expiresAt > now);
    for (const old of conversation.tokens) if (!kept.includes(old)) this.byToken.delete(old.value);
    conversation.tokens = kept;
    this.byToken.set(token.value, conversation);
    return { conversationId: conversation.id, token: token.value, expires_in: this.limits.tokenSeconds };
  }

  /** The current token again, with the seconds it has left (for a reconnect). */
  currentToken(conversation: DirectLineConversation): IssuedToken {
    const current = conversation.tokens[0];
    const secondsLeft = current ? Math.max(0, Math.floor((current.expiresAt - this.now()) / 1000)) : 0;
    return { conversationId: conversation.id, token: current?.value ?? "", expires_in: secondsLeft };
  }

  /**
   * Adds an activity to a conversation's transcript; undefined when the conversation is gone. Beyond
   * the total byte limit the least recently used other conversations are forgotten.
   */
  append(conversationId: string, activity: DirectLineActivity): string | undefined {
    const conversation = this.byId.get(conversationId);
    if (!conversation) return undefined;
    const before = conversation.bytes;
    const id = conversation.append(activity, this.limits);
    this.totalBytes += conversation.bytes - before;
    const maxTotal = this.limits.maxTotalBytes ?? Infinity;
    for (const oldest of this.byId.values()) {
      if (this.totalBytes <= maxTotal) break;
      if (oldest !== conversation) this.forget(oldest);
    }
    return id;
  }

  private touch(conversation: DirectLineConversation): void {
    conversation.lastUsedAt = this.now();
    // Map keeps insertion order: re-inserting makes the first entry the least recently used.
    this.byId.delete(conversation.id);
    this.byId.set(conversation.id, conversation);
  }

  private isIdle(conversation: DirectLineConversation): boolean {
    return this.now() - conversation.lastUsedAt > this.limits.idleSeconds * 1000;
  }

  private forgetIdle(): void {
    for (const conversation of this.byId.values()) {
      if (!this.isIdle(conversation)) break; // the rest were used more recently
      this.forget(conversation);
    }
  }

  private forget(conversation: DirectLineConversation): void {
    this.byId.delete(conversation.id);
    this.totalBytes -= conversation.bytes;
    for (const token of conversation.tokens) this.byToken.delete(token.value);
  }
}
