import type { Middleware, TurnContext } from "botbuilder";
import { chooseLanguage } from "../conversation/chooseLanguage.js";
import type { KnowledgeSource } from "../conversation/knowledgeBundle.js";

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

interface Bucket {
  tokens: number;
  at: number;
  /** the citizen was already told to slow down since the bucket ran dry */
  warned: boolean;
}

/**
 * A token bucket per conversation on the Bot Framework path. A 429 to the channel would lose the
 * reply, so a conversation over its rate gets one calm chat message and its extra messages are not
 * routed until it has slowed down.
 */
export class ConversationRateLimit implements Middleware {
  private readonly buckets = new Map<string, Bucket>();
  private readonly options: RateLimitOptions;

  constructor(private readonly knowledge: KnowledgeSource, options: Partial<RateLimitOptions> = {}) {
    this.options = { ...DEFAULT_RATE_LIMIT, ...options };
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const id = context.activity.conversation?.id;
    if (context.activity.type !== "message" || !id) return next();
    const bucket = this.take(id);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return next();
    }
    if (bucket.warned) return;
    bucket.warned = true;
    const language = chooseLanguage(undefined, undefined, context.activity.locale);
    await context.sendActivity(this.knowledge.current().composer.rateLimited(language));
  }

  private take(id: string): Bucket {
    const now = this.options.now();
    let bucket = this.buckets.get(id);
    if (bucket) {
      this.buckets.delete(id);
      bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.options.perMinute);
      bucket.at = now;
    } else {
      bucket = { tokens: this.options.burst, at: now, warned: false };
      if (this.buckets.size >= this.options.maxConversations) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    // Re-inserting keeps the Map in least-recently-seen order.
    this.buckets.set(id, bucket);
    return bucket;
  }
}
