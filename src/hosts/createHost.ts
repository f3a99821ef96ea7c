import type { Logger } from "pino";
import type { BotSdk } from "../config.js";
import type { BotAuthSettings } from "./botAuthSettings.js";
import { createAgentsHost, type AgentsTestSettings } from "./agents/agentsHost.js";
import { createBotbuilderHost } from "./botbuilder/botbuilderHost.js";
import type { MessagingHost, TurnLogic } from "./messagingHost.js";

export interface HostOptions {
  readonly sdk: BotSdk;
  readonly auth: BotAuthSettings;
  /** botbuilder's further authentication settings, for tests (a local OpenID metadata URL and issuer) */
  readonly authSettings?: Record<string, string>;
  /** the Agents SDK's, for tests (a local key server's authority and an issuer) */
  readonly agentsTestSettings?: AgentsTestSettings;
  readonly runTurn: TurnLogic;
  readonly logger: Logger;
}

/** The host BOT_SDK names, around the same turn logic. */
export function createHost(options: HostOptions): MessagingHost {
  switch (options.sdk) {
    case "botbuilder":
      return createBotbuilderHost(options);
    case "agents":
      return createAgentsHost({
        auth: options.auth,
        ...(options.agentsTestSettings ? { testSettings: options.agentsTestSettings } : {}),
        runTurn: options.runTurn,
        // The turn logic answers its own failures; this catches only the SDK's, after the turn.
        onTurnError: async (activity, error) => {
          options.logger.error({ err: error, channel: activity.channelId }, "turn failed in the Agents SDK adapter");
          return [];
        },
      });
  }
}
