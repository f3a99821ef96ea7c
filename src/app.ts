import { ConversationState, type Storage } from "botbuilder";
import type { i18n } from "i18next";
import type { Server } from "restify";
import type { Logger } from "pino";
import { createAdapter } from "./bot/createAdapter.js";
import { CitizenBot } from "./bot/citizenBot.js";
import { messengerStaffHandover } from "./channels/messenger/messengerHandover.js";
import type { AppConfig, ComuneConfig } from "./config.js";
import { createI18n } from "./i18n.js";
import { KnowledgeWatcher } from "./knowledge/watchKnowledge.js";
import { ConnectionDrain } from "./http/connectionDrain.js";
import { createMultiComuneServer, createServer, type ComuneEndpoint } from "./server.js";
import { InteractionLog } from "./staff/interactionLog.js";
import { createStorage } from "./storage/createStorage.js";
import { storageForComune } from "./storage/prefixedStorage.js";
import { ComuniIndexPage } from "./web/comuniIndexPage.js";
import { createWebChannel } from "./web/webChannel.js";

export interface App {
  readonly server: Server;
  /** the server's connections, followed from the start, for a shutdown that loses no reply */
  readonly connections: ConnectionDrain;
  /** stops watching files and the retention timer and writes the staff log's last lines (the server is drained by the caller) */
  close(): Promise<void>;
}

/** What tests may put in place of the configured parts. */
export interface AppSeams {
  /** the shared state store (default: the one the configuration asks for) */
  readonly storage?: Storage;
  /** Bot Framework authentication settings added to each comune's credentials (e.g. a local OpenID metadata URL) */
  readonly authSettings?: Record<string, string>;
}

/**
 * Wires the running bot from its configuration: for each comune, knowledge that reloads on change, its
 * share of the state storage, its staff interaction log, Messenger handover and Bot Framework adapter;
 * then the HTTP server, with one comune on today's paths or several on per-comune paths.
 */
export function createApp(config: AppConfig, logger: Logger, seams: AppSeams = {}): App {
  const i18n = createI18n(config.localesDir);
  // One store for all comuni (one blob container, one memory bound); each comune's keys are prefixed.
  const storage = seams.storage ?? createStorage(config.storage);
  const authSettings = seams.authSettings ?? {};
  const wired = config.comuni.map((comune) =>
    wireComune(config, comune, { storage, i18n, authSettings, logger: config.multi ? logger.child({ comune: comune.id }) : logger }),
  );
  const server = config.multi
    ? createMultiComuneServer({
        comuni: new Map(wired.map((w) => [w.id, w.endpoint])),
        logger,
        index: new ComuniIndexPage(
          wired.map((w) => ({ id: w.id, knowledge: w.endpoint.knowledge })),
          i18n,
        ),
      })
    : createServer({ ...(wired[0] as WiredComune).endpoint, logger });
  const connections = new ConnectionDrain(server.server);
  return {
    server,
    connections,
    close: async () => {
      await Promise.all(wired.map((w) => w.close()));
    },
  };
}

interface WiredComune {
  readonly id: string;
  readonly endpoint: ComuneEndpoint;
  close(): Promise<void>;
}

interface SharedParts {
  readonly storage: Storage;
  readonly i18n: i18n;
  readonly authSettings: Record<string, string>;
  readonly logger: Logger;
}

/** One comune's knowledge, staff log, handover, bot, adapter and web channel. */
function wireComune(config: AppConfig, comune: ComuneConfig, { storage, i18n, authSettings, logger }: SharedParts): WiredComune {
  const knowledge = new KnowledgeWatcher({ root: config.knowledgeDir, comune: comune.id, i18n, logger });
  const interactions = new InteractionLog({ dir: comune.interactionsDir, retentionDays: config.interactions.retentionDays, logger });
  const stopRetention = interactions.scheduleRetention();
  const handover = messengerStaffHandover(
    { accessToken: comune.messenger.pageAccessToken, baseUrl: comune.messenger.graphApiBaseUrl },
    (error) => logger.warn({ err: { name: error.name, message: error.message } }, "handover to staff failed"),
  );
  const bot = new CitizenBot(knowledge, new ConversationState(storageForComune(storage, comune.statePrefix)), { handover, interactions });
  const adapter = createAdapter(comune.botAuth, knowledge, logger, authSettings);
  const web = createWebChannel({
    config: { production: config.production, openMode: comune.openMode, directLine: comune.directLine, trustProxy: config.trustProxy },
    knowledge,
    i18n,
    bot,
    onTurnError: adapter.onTurnError,
    logger,
    basePath: config.multi ? `/${comune.id}` : "",
  });
  logger.info(
    { comune: comune.id, storage: config.storage.kind, handover: comune.messenger.pageAccessToken !== "", openMode: comune.openMode },
    "bot configured",
  );
  if (comune.openMode) {
    logger.warn("no MicrosoftAppId/MicrosoftAppPassword: requests are not authenticated (local use only); replies go only in the response body or to localhost");
  }
  return {
    id: comune.id,
    endpoint: { adapter, bot, knowledge, web, openMode: comune.openMode },
    close: async () => {
      knowledge.close();
      stopRetention();
      await interactions.drain();
    },
  };
}
