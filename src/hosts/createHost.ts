import type { Logger } from "pino";
import type { BotSdk } from "../config.js";
import type { BotAuthSettings } from "./botAuthSettings.js";
import { createBotbuilderHost } from "./botbuilder/botbuilderHost.js";
import type { MessagingHost, TurnLogic } from "./messagingHost.js";

export interface HostOptions {
  readonly sdk: BotSdk;
  readonly auth: BotAuthSettings;
  /** further authentication settings, for tests (a local OpenID metadata URL and issuer) */
  readonly authSettings?: Record<string, string>;
  readonly runTurn: TurnLogic;
  readonly logger: Logger;
}

/** The host BOT_SDK names, around the same turn logic. */
export function createHost(options: HostOptions): MessagingHost {
  switch (options.sdk) {
    case "botbuilder":
      return createBotbuilderHost(options);
    case "agents":
      throw new Error("BOT_SDK=agents: not wired yet");
  }
}
