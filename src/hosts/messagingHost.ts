import type { InboundActivity, OutgoingActivity } from "../channels/activity.js";

/** What the HTTP layer asks of a host: run one posted activity, answer with a status and a body. */
export interface MessagingHost {
  /**
   * Authenticates the request, runs the turn and returns what to answer: 200 (or 202) with the
   * replies in the body for `expectReplies`, else with no body once the replies were posted to the
   * channel. Throws {@link UnauthorizedRequest} when the credentials could not be verified.
   */
  handleActivity(authHeader: string, activity: InboundActivity): Promise<HttpTurnResult>;
}

export interface HttpTurnResult {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * One turn seen from a host: the inbound activity in; what to say goes out through `send`, which the
 * host binds to its turn context (the response body for expectReplies, else the channel's serviceUrl).
 * The logic may send more than once and between other steps: on Messenger, for instance, the bot must
 * say it hands the conversation to staff before passing thread control, since after it can no longer
 * write to the thread.
 */
export type TurnLogic = (activity: InboundActivity, send: SendActivities) => Promise<void>;

/** Sends activities through the host's turn context, in order. */
export type SendActivities = (activities: readonly OutgoingActivity[]) => Promise<void>;

/** An inbound request whose credentials could not be verified: always answered 401, never with details. */
export class UnauthorizedRequest extends Error {
  override readonly name = "UnauthorizedRequest";
  constructor(readonly reason: string) {
    super("The request could not be authenticated.");
  }
}
