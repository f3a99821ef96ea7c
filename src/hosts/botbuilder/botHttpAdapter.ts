import { CloudAdapter, type Activity, type TurnContext } from "botbuilder";
import type { AuthenticateRequestResult } from "botframework-connector";
import { UnauthorizedRequest, type HttpTurnResult } from "../messagingHost.js";

/**
 * botbuilder's CloudAdapter with the HTTP handling made strict: any failure to authenticate the
 * request (a forged token, metadata that cannot be fetched) is an UnauthorizedRequest, kept apart
 * from failures of the turn itself. CloudAdapter.process would answer both with a 500 that carries
 * the error's message (a DNS lookup, a key id) in the body.
 */
export class BotHttpAdapter extends CloudAdapter {
  async handleActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<HttpTurnResult> {
    fixTimestamps(activity);
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw new UnauthorizedRequest((error as Error).name || "AuthenticationError");
    }
    const response = await this.processActivity(authenticated, activity, logic);
    return { status: response?.status ?? 200, body: response?.body };
  }
}

/** What botbuilder's activity validator does: timestamps arrive as strings and are read as dates. */
function fixTimestamps(activity: Activity): void {
  const raw = activity as Activity & { timestamp?: unknown; localTimestamp?: unknown; rawTimestamp?: string; rawLocalTimestamp?: string };
  if (typeof raw.timestamp === "string") {
    raw.rawTimestamp = raw.timestamp;
    activity.timestamp = new Date(raw.timestamp);
  }
  if (typeof raw.localTimestamp === "string") {
    raw.rawLocalTimestamp = raw.localTimestamp;
    activity.localTimestamp = new Date(raw.localTimestamp);
  }
}
