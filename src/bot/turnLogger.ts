import { createHash, randomBytes } from "node:crypto";
import type { Middleware, TurnContext } from "botbuilder";
import type { Logger } from "pino";
import type { TurnOutcome } from "../answers/reply.js";
import { TURN_OUTCOME } from "./turnOutcome.js";

/**
 * One JSON log line per turn: a salted hash of the conversation (never its id or the user's text),
 * the channel, what answered (topic, entry, score) and how long the turn took.
 */
export class TurnLogger implements Middleware {
  constructor(private readonly logger: Logger, private readonly salt: string = randomBytes(16).toString("hex")) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const outcome = context.turnState.get(TURN_OUTCOME) as TurnOutcome | undefined;
      this.logger.info(
        {
          conversation: this.hash(context.activity.conversation?.id ?? ""),
          channel: context.activity.channelId,
          type: context.activity.type,
          topic: outcome?.topic,
          entry: outcome?.entry,
          score: outcome?.score,
          latencyMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        "turn",
      );
    }
  }

  private hash(value: string): string {
    return createHash("sha256").update(this.salt).update(value).digest("hex").slice(0, 16);
  }
}
