import type { Logger } from "pino";
import type { BotSdk } from "../config.js";
import type { AgentsTestSettings } from "./agents/agentsAuthConfiguration.js";
import type { BotAuthSettings } from "./botAuthSettings.js";
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

/** A host whose SDK is still loading: requests wait for it; `ready` settles once it has loaded (or failed to). */
export interface LoadingHost extends MessagingHost {
  readonly ready: Promise<void>;
}

/**
 * The host BOT_SDK names, around the same turn logic. Only that SDK is loaded: each takes 150–300 ms
 * to load, the better part of a second's start-up, and a deployment runs one. It loads in the
 * background while the rest of the bot starts; a request that comes first waits for it.
 */
export function createHost(options: HostOptions): LoadingHost {
  const host = loadHost(options);
  // Failing to load is reported through `ready` (the server's start awaits it) and to each request.
  host.catch(() => undefined);
  return {
    ready: host.then(() => undefined),
    handleActivity: async (authHeader, activity) => (await host).handleActivity(authHeader, activity),
  };
}

async function loadHost(options: HostOptions): Promise<MessagingHost> {
  switch (options.sdk) {
    case "botbuilder": {
      const { createBotbuilderHost } = await import("./botbuilder/botbuilderHost.js");
      return createBotbuilderHost(options);
    }
    case "agents": {
      const { createAgentsHost } = await import("./agents/agentsHost.js");
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
}
