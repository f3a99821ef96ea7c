import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { ConversationCore } from "../../dialogs/handleTurn.js";
import { NEW_CONVERSATION, parseState, type ConversationState } from "../../dialogs/conversationState.js";
import type { TurnInput } from "../../dialogs/turnInput.js";
import type { TurnEffect, TurnResult } from "../../dialogs/turnResult.js";
import type { TurnOutcome } from "../answers/reply.js";
import type { InboundActivity, OutgoingActivity } from "../channels/activity.js";
import { renderReply } from "../channels/renderReply.js";
import { noStaffHandover, type StaffHandover } from "../conversation/handover.js";
import type { KnowledgeBundle, KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { systemClock, type Clock } from "../conversation/officeHours.js";
import { ConversationRateLimit, type RateLimitOptions } from "../limits/conversationRateLimit.js";
import { noInteractionLog, type InteractionRecorder } from "../staff/interactionLog.js";
import type { StateStore } from "../storage/stateStore.js";
import type { SendActivities, TurnLogic } from "./messagingHost.js";
import { turnInputOf } from "./turnInputOf.js";

export interface ConversationTurnsDeps {
  readonly knowledge: KnowledgeSource;
  /** where each conversation's state is kept (one comune's view of it) */
  readonly store: StateStore;
  readonly logger: Logger;
  /** the clock office hours and notices are read from (fixed in tests and `ask --now`) */
  readonly clock?: Clock;
  /** how a conversation is handed to human staff, where the channel can */
  readonly handover?: StaffHandover;
  /** where questions, misses and feedback are recorded for staff */
  readonly interactions?: InteractionRecorder;
  readonly rateLimit?: Partial<RateLimitOptions>;
  /** salt of the conversation hash in the turn log; random per process by default */
  readonly salt?: string;
  /** told what answered each turn that answered something (the ask command reads it) */
  readonly onOutcome?: (activity: InboundActivity, outcome: TurnOutcome) => void;
}

/**
 * One turn of a comune's bot, the same on every host: reads the activity as the core's input, applies
 * the rate limit, loads the conversation's state, runs the core, sends the rendered replies through the
 * host, carries out the effects (handover, staff records), saves the state and writes one log line. A
 * failure anywhere is logged (without the citizen's text) and answered with the calm error reply.
 */
export class ConversationTurns {
  private readonly core: ConversationCore;
  private readonly clock: Clock;
  private readonly handover: StaffHandover;
  private readonly interactions: InteractionRecorder;
  private readonly rateLimit: ConversationRateLimit;
  private readonly salt: string;

  constructor(private readonly deps: ConversationTurnsDeps) {
    this.core = new ConversationCore(deps.knowledge);
    this.clock = deps.clock ?? systemClock;
    this.handover = deps.handover ?? noStaffHandover;
    this.interactions = deps.interactions ?? noInteractionLog;
    this.rateLimit = new ConversationRateLimit(deps.rateLimit);
    this.salt = deps.salt ?? randomBytes(16).toString("hex");
  }

  /** The turn logic every host runs. */
  readonly run: TurnLogic = async (activity, send) => {
    const started = process.hrtime.bigint();
    let outcome: TurnOutcome | undefined;
    let state: ConversationState = NEW_CONVERSATION;
    try {
      const input = this.inputOf(activity);
      if (!input) return;
      const key = stateKey(activity);
      const stored = await this.deps.store.read(key);
      state = stored ? parseState(stored.state) : NEW_CONVERSATION;
      const bundle = this.deps.knowledge.current();
      const result = this.core.handleTurn(input, state, this.clock);
      await sendAll(send, render(result, activity.channelId, bundle));
      const final = await this.carryOut(result, activity, send, bundle);
      outcome = final.outcome;
      if (JSON.stringify(final.state) !== JSON.stringify(state)) await this.deps.store.write(key, final.state, stored?.eTag);
    } catch (error) {
      await this.failed(activity, state, error as Error, send);
    } finally {
      if (outcome) this.deps.onOutcome?.(activity, outcome);
      this.logTurn(activity, outcome, started);
    }
  };

  private inputOf(activity: InboundActivity): TurnInput | undefined {
    const input = turnInputOf(activity, this.handover.canPassToStaff(activity));
    if (input?.kind !== "message") return input;
    switch (this.rateLimit.take(activity.conversation.id)) {
      case "allowed":
        return input;
      case "tellToSlowDown":
        return { kind: "overLimit", ...(input.locale ? { locale: input.locale } : {}) };
      case "ignore":
        return undefined;
    }
  }

  /** Runs the effects in order; a refused handover sends and keeps what the core planned for it. */
  private async carryOut(result: TurnResult, activity: InboundActivity, send: SendActivities, bundle: KnowledgeBundle): Promise<Pick<TurnResult, "outcome" | "state">> {
    let { outcome, state } = result;
    const pending: TurnEffect[] = [...result.effects];
    for (let effect = pending.shift(); effect; effect = pending.shift()) {
      switch (effect.kind) {
        case "passToStaff":
          if (!(await this.handover.passToStaff(activity))) {
            const instead = effect.ifRefused;
            await sendAll(send, render({ ...result, ...instead }, activity.channelId, bundle));
            ({ outcome, state } = instead);
            pending.push(...instead.effects);
          }
          break;
        // Recording never throws and never holds up the reply.
        case "recordQuestion":
          void this.interactions.recordQuestion(effect.question);
          break;
        case "recordMissed":
          void this.interactions.recordMissed(effect.question);
          break;
        case "recordFeedback":
          void this.interactions.recordFeedback(effect.feedback);
          break;
      }
    }
    return { outcome, state };
  }

  private async failed(activity: InboundActivity, state: ConversationState, error: Error, send: SendActivities): Promise<void> {
    const { logger } = this.deps;
    logger.error({ err: error, channel: activity.channelId }, "turn failed");
    try {
      const bundle = this.deps.knowledge.current();
      const locale = activity.locale;
      await sendAll(send, render(this.core.handleTurn({ kind: "failed", ...(locale ? { locale } : {}) }, state, this.clock), activity.channelId, bundle));
    } catch (sendError) {
      logger.warn({ err: sendError }, "could not tell the user about the failed turn");
    }
  }

  /** One JSON line per turn: a salted hash of the conversation (never its id or the text), what answered, how long it took. */
  private logTurn(activity: InboundActivity, outcome: TurnOutcome | undefined, started: bigint): void {
    // At a level above info the line is not written: nor is its hash computed.
    if (!this.deps.logger.isLevelEnabled("info")) return;
    this.deps.logger.info(
      {
        conversation: createHash("sha256").update(this.salt).update(activity.conversation.id).digest("hex").slice(0, 16),
        channel: activity.channelId,
        type: activity.type,
        topic: outcome?.topic,
        entry: outcome?.entry,
        score: outcome?.score,
        latencyMs: Number(process.hrtime.bigint() - started) / 1e6,
      },
      "turn",
    );
  }
}

/** Where a conversation's state is kept: one record per channel and conversation id. */
export function stateKey(activity: InboundActivity): string {
  return `${activity.channelId}/conversations/${activity.conversation.id}`;
}

/** A turn that says nothing sends nothing (an empty send would still be a call to the channel). */
async function sendAll(send: SendActivities, activities: OutgoingActivity[]): Promise<void> {
  if (activities.length > 0) await send(activities);
}

/** The replies rendered for the channel, the renderer's own labels in the replies' language. */
function render(result: Pick<TurnResult, "replies" | "language">, channelId: string, bundle: KnowledgeBundle): OutgoingActivity[] {
  const cardTitle = bundle.composer.t(result.language, "cardTitle", { ns: "messenger" });
  return result.replies.flatMap((reply) => renderReply(reply, channelId, { cardTitle }));
}
