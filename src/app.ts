import { ConversationState } from "botbuilder";
import type { Server } from "restify";
import type { Logger } from "pino";
import { createAdapter } from "./bot/createAdapter.js";
import { CitizenBot } from "./bot/citizenBot.js";
import { messengerStaffHandover } from "./channels/messenger/messengerHandover.js";
import type { AppConfig } from "./config.js";
import { createI18n } from "./i18n.js";
import { KnowledgeWatcher } from "./knowledge/watchKnowledge.js";
import { ConnectionDrain } from "./http/connectionDrain.js";
import { createServer } from "./server.js";
import { InteractionLog } from "./staff/interactionLog.js";
import { createStorage } from "./storage/createStorage.js";
import { createWebChannel } from "./web/webChannel.js";

export interface App {
  readonly server: Server;
  /** the server's connections, followed from the start, for a shutdown that loses no reply */
  readonly connections: ConnectionDrain;
  /** stops watching files and the retention timer and writes the staff log's last lines (the server is drained by the caller) */
  close(): Promise<void>;
}

/**
 * Wires the running bot from its configuration: knowledge that reloads on change, state storage,
 * the staff interaction log, Messenger handover, the Bot Framework adapter and the HTTP server.
 */
export function createApp(config: AppConfig, logger: Logger): App {
  const i18n = createI18n(config.localesDir);
  const knowledge = new KnowledgeWatcher({ root: config.knowledgeDir, comune: config.comune, i18n, logger });
  const interactions = new InteractionLog({ dir: config.interactions.dir, retentionDays: config.interactions.retentionDays, logger });
  const stopRetention = interactions.scheduleRetention();
  const handover = messengerStaffHandover(
    { accessToken: config.messenger.pageAccessToken, baseUrl: config.messenger.graphApiBaseUrl },
    (error) => logger.warn({ err: { name: error.name, message: error.message } }, "handover to staff failed"),
  );
  const bot = new CitizenBot(knowledge, new ConversationState(createStorage(config.storage)), { handover, interactions });
  const adapter = createAdapter(config.botAuth, knowledge, logger);
  const web = createWebChannel({ config, knowledge, i18n, bot, onTurnError: adapter.onTurnError, logger });
  const server = createServer({ adapter, bot, knowledge, logger, web, openMode: config.openMode });
  const connections = new ConnectionDrain(server.server);
  logger.info(
    { comune: config.comune, storage: config.storage.kind, handover: config.messenger.pageAccessToken !== "", openMode: config.openMode },
    "bot configured",
  );
  if (config.openMode) {
    logger.warn("no MicrosoftAppId/MicrosoftAppPassword: requests are not authenticated (local use only); replies go only in the response body or to localhost");
  }
  return {
    server,
    connections,
    close: async () => {
      knowledge.close();
      stopRetention();
      await interactions.drain();
    },
  };
}
