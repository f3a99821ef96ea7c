import type { Activity } from "botbuilder";
import type { Logger } from "pino";
import type { InboundActivity } from "../../channels/activity.js";
import type { BotAuthSettings } from "../botAuthSettings.js";
import type { MessagingHost, TurnLogic } from "../messagingHost.js";
import { BotHttpAdapter } from "./botHttpAdapter.js";
import { ClientReusingAuthentication } from "./clientReusingAuthentication.js";

export interface BotbuilderHostOptions {
  /** the comune's MicrosoftApp* settings; empty id and password mean open mode */
  readonly auth: BotAuthSettings;
  /** further Bot Framework authentication settings (a test's OpenID metadata URL and issuer) */
  readonly authSettings?: Record<string, string>;
  readonly runTurn: TurnLogic;
  readonly logger: Logger;
}

/**
 * The Bot Framework SDK host (botbuilder's CloudAdapter), the default: authenticates with the standard
 * settings (its connector and user-token clients built once, not per turn: ClientReusingAuthentication),
 * then runs the shared turn logic, sending through the SDK's TurnContext (the response body for
 * expectReplies, the channel's serviceUrl otherwise).
 */
export function createBotbuilderHost(options: BotbuilderHostOptions): MessagingHost {
  const adapter = new BotHttpAdapter(new ClientReusingAuthentication({ ...options.authSettings, ...options.auth }));
  // The turn logic answers its own failures; this catches only the SDK's, after the turn.
  adapter.onTurnError = async (context, error) => {
    options.logger.error({ err: error, channel: context.activity.channelId }, "turn failed in the Bot Framework adapter");
  };
  return {
    handleActivity: (authHeader, activity) =>
      adapter.handleActivity(authHeader, activity as unknown as Activity, async (context) => {
        await options.runTurn(context.activity as unknown as InboundActivity, async (activities) => {
          await context.sendActivities(activities.map((a) => ({ ...a })) as Array<Partial<Activity>>);
        });
      }),
  };
}
