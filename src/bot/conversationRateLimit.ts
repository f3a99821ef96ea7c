import type { Middleware, TurnContext } from "botbuilder";
import { chooseLanguage } from "../conversation/chooseLanguage.js";
import type { KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { TokenBuckets } from "../limits/tokenBuckets.js";

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

/**
 * A token bucket per conversation on the Bot Framework path. A 429 to the channel would lose the
 * reply, so a conversation over its rate gets one calm chat message and its extra messages are not
 * routed until it has slowed down.
 */
export class ConversationRateLimit implements Middleware {
  private readonly buckets: TokenBuckets;
  /** conversations already told to slow down since they ran dry (bounded like the buckets) */
  private readonly warned = new Set<string>();
  private readonly maxConversations: number;

  constructor(private readonly knowledge: KnowledgeSource, options: Partial<RateLimitOptions> = {}) {
    const { burst, perMinute, maxConversations, now } = { ...DEFAULT_RATE_LIMIT, ...options };
    this.buckets = new TokenBuckets({ capacity: burst, refillPerSecond: perMinute / 60, maxClients: maxConversations }, now);
    this.maxConversations = maxConversations;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const id = context.activity.conversation?.id;
    if (context.activity.type !== "message" || !id) return next();
    if (this.buckets.take(id).allowed) {
      this.warned.delete(id);
      return next();
    }
    if (this.warned.has(id)) return;
    if (this.warned.size >= this.maxConversations) this.warned.clear();
    this.warned.add(id);
    const language = chooseLanguage(undefined, undefined, context.activity.locale);
    await context.sendActivity(this.knowledge.current().composer.rateLimited(language));
  }
}
