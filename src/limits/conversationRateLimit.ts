import { TokenBuckets } from "./tokenBuckets.js";

export interface RateLimitOptions {
  /** messages a conversation may send at once */
  readonly burst: number;
  /** messages it regains per minute */
  readonly perMinute: number;
  /** conversations tracked at most (least recently seen forgotten first) */
  readonly maxConversations: number;
  readonly now: () => number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = Object.freeze({ burst: 12, perMinute: 20, maxConversations: 50_000, now: () => Date.now() });

/** What to do with one message: route it, tell the citizen to slow down (once), or let it pass in silence. */
export type RateVerdict = "allowed" | "tellToSlowDown" | "ignore";

/**
 * A token bucket per conversation. A 429 to the channel would lose the reply, so a conversation over
 * its rate gets one calm chat message and its extra messages are not routed until it has slowed down.
 */
export class ConversationRateLimit {
  private readonly buckets: TokenBuckets;
  /** conversations already told to slow down since they ran dry (bounded like the buckets) */
  private readonly warned = new Set<string>();
  private readonly maxConversations: number;

  constructor(options: Partial<RateLimitOptions> = {}) {
    const { burst, perMinute, maxConversations, now } = { ...DEFAULT_RATE_LIMIT, ...options };
    this.buckets = new TokenBuckets({ capacity: burst, refillPerSecond: perMinute / 60, maxClients: maxConversations }, now);
    this.maxConversations = maxConversations;
  }

  /** Takes one message of `conversationId` from its bucket. */
  take(conversationId: string): RateVerdict {
    if (this.buckets.take(conversationId).allowed) {
      this.warned.delete(conversationId);
      return "allowed";
    }
    if (this.warned.has(conversationId)) return "ignore";
    if (this.warned.size >= this.maxConversations) this.warned.clear();
    this.warned.add(conversationId);
    return "tellToSlowDown";
  }
}
