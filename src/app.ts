import type { i18n } from "i18next";
import type { Logger } from "pino";
import { messengerStaffHandover } from "./channels/messenger/messengerHandover.js";
import type { AppConfig, ComuneConfig } from "./config.js";
import { createI18n } from "./i18n.js";
import { ConversationTurns } from "./hosts/conversationTurns.js";
import { createHost } from "./hosts/createHost.js";
import { ConnectionDrain } from "./hosts/http/connectionDrain.js";
import { createMultiComuneServer, createServer, type ComuneEndpoint, type HttpServer } from "./hosts/http/server.js";
import { ComuniIndexPage } from "./hosts/http/web/comuniIndexPage.js";
import { createWebChannel } from "./hosts/http/web/webChannel.js";
import { KnowledgeWatcher } from "./knowledge/watchKnowledge.js";
import type { RateLimitOptions } from "./limits/conversationRateLimit.js";
import { InteractionLog } from "./staff/interactionLog.js";
import { createStateStore } from "./storage/createStateStore.js";
import { stateStoreForComune } from "./storage/prefixedStateStore.js";
import type { StateStore } from "./storage/stateStore.js";

export interface App {
  readonly server: HttpServer;
  /** the server's connections, followed from the start, for a shutdown that loses no reply */
  readonly connections: ConnectionDrain;
  /**
   * settles once every comune's host has loaded its SDK, which it does in the background; rejects if one
   * cannot. Requests that come before wait, so only a server that must fail at start needs to await it.
   */
  readonly ready: Promise<void>;
  /** stops watching files and the retention timer and writes the staff log's last lines (the server is drained by the caller) */
  close(): Promise<void>;
}

/** What tests may put in place of the configured parts. */
export interface AppSeams {
  /** the shared state store (default: the one the configuration asks for) */
  readonly store?: StateStore;
  /** authentication settings added to each comune's credentials (e.g. a local OpenID metadata URL) */
  readonly authSettings?: Record<string, string>;
  readonly rateLimit?: Partial<RateLimitOptions>;
}

/**
 * Wires the running bot from its configuration: for each comune, knowledge that reloads on change, its
 * share of the state store, its staff interaction log, Messenger handover, its turn logic and the host
 * BOT_SDK names; then the HTTP server, with one comune on today's paths or several on per-comune paths.
 */
export function createApp(config: AppConfig, logger: Logger, seams: AppSeams = {}): App {
  const i18n = createI18n(config.localesDir);
  // One store for all comuni (one blob container, one memory bound); each comune's keys are prefixed.
  const store = seams.store ?? createStateStore(config.storage);
  const wired = config.comuni.map((comune) =>
    wireComune(config, comune, { store, i18n, seams, logger: config.multi ? logger.child({ comune: comune.id }) : logger }),
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
    ready: Promise.all(wired.map((w) => w.ready)).then(() => undefined),
    close: async () => {
      await Promise.all(wired.map((w) => w.close()));
    },
  };
}

interface WiredComune {
  readonly id: string;
  readonly endpoint: ComuneEndpoint;
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

interface SharedParts {
  readonly store: StateStore;
  readonly i18n: i18n;
  readonly seams: AppSeams;
  readonly logger: Logger;
}

/** One comune's knowledge, staff log, handover, turn logic, host and web channel. */
function wireComune(config: AppConfig, comune: ComuneConfig, { store, i18n, seams, logger }: SharedParts): WiredComune {
  const knowledge = new KnowledgeWatcher({ root: config.knowledgeDir, comune: comune.id, i18n, logger });
  const interactions = new InteractionLog({ dir: comune.interactionsDir, retentionDays: config.interactions.retentionDays, logger });
  const stopRetention = interactions.scheduleRetention();
  const handover = messengerStaffHandover(
    { accessToken: comune.messenger.pageAccessToken, baseUrl: comune.messenger.graphApiBaseUrl },
    (error) => logger.warn({ err: error }, "handover to staff failed"),
  );
  const turns = new ConversationTurns({
    knowledge,
    store: stateStoreForComune(store, comune.statePrefix),
    logger,
    handover,
    interactions,
    ...(seams.rateLimit ? { rateLimit: seams.rateLimit } : {}),
  });
  const host = createHost({ sdk: config.botSdk, auth: comune.botAuth, authSettings: seams.authSettings ?? {}, runTurn: turns.run, logger });
  const web = createWebChannel({
    config: { production: config.production, openMode: comune.openMode, directLine: comune.directLine, trustProxy: config.trustProxy },
    knowledge,
    i18n,
    runTurn: turns.run,
    logger,
    basePath: config.multi ? `/${comune.id}` : "",
  });
  logger.info(
    { comune: comune.id, sdk: config.botSdk, storage: config.storage.kind, handover: comune.messenger.pageAccessToken !== "", openMode: comune.openMode },
    "bot configured",
  );
  if (comune.openMode) {
    logger.warn("no MicrosoftAppId/MicrosoftAppPassword: requests are not authenticated (local use only); replies go only in the response body or to localhost");
  }
  return {
    id: comune.id,
    endpoint: { host, knowledge, web, openMode: comune.openMode },
    ready: host.ready,
    close: async () => {
      knowledge.close();
      stopRetention();
      await interactions.drain();
    },
  };
}
