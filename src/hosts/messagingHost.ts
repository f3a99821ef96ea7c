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

/** One turn seen from a host: the inbound activity in, the activities to send back out. */
export type TurnLogic = (activity: InboundActivity) => Promise<readonly OutgoingActivity[]>;

/** An inbound request whose credentials could not be verified: always answered 401, never with details. */
export class UnauthorizedRequest extends Error {
  override readonly name = "UnauthorizedRequest";
  constructor(readonly reason: string) {
    super("The request could not be authenticated.");
  }
}
