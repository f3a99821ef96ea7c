import "dotenv/config";
import { createAdapter } from "./bot/createAdapter.js";
import { createBotForComune } from "./bot/createBot.js";
import { ConfigError, loadConfig } from "./config.js";
import { createI18n } from "./i18n.js";
import { formatProblem } from "./knowledge/formatProblem.js";
import { KnowledgeLoadError } from "./knowledge/knowledgeProblem.js";
import { listComuni } from "./knowledge/loadKnowledge.js";
import { createLogger } from "./logger.js";
import { createServer } from "./server.js";
import { createWebChannel } from "./web/webChannel.js";
import { createStorage } from "./storage/createStorage.js";
import { messengerStaffHandover } from "./channels/messenger/messengerHandover.js";

try {
  const config = loadConfig(process.env, listComuni);
  const logger = createLogger(config.logLevel);
  const i18n = createI18n(config.localesDir);
  const handover = messengerStaffHandover(
    { accessToken: config.messenger.pageAccessToken, baseUrl: config.messenger.graphApiBaseUrl },
    (error) => logger.warn({ err: { name: error.name, message: error.message } }, "handover to staff failed"),
  );
  const { bot, knowledge } = createBotForComune(config.knowledgeDir, config.comune, i18n, createStorage(config.storage), { handover });
  logger.info({ storage: config.storage.kind, handover: config.messenger.pageAccessToken !== "" }, "state and handover");
  const adapter = createAdapter(config.botAuth, knowledge, logger);
  if (config.openMode) logger.warn("no MicrosoftAppId/MicrosoftAppPassword: requests are not authenticated (local use only)");
  const web = createWebChannel({ config, knowledge, i18n, bot, onTurnError: adapter.onTurnError, logger });
  const server = createServer({ adapter, bot, knowledge, logger, web });
  server.listen(config.port, () => {
    logger.info({ url: server.url, comune: config.comune, knowledgeVersion: knowledge.current().knowledge.version }, "bot listening");
  });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else if (error instanceof KnowledgeLoadError) {
    const i18n = createI18n(process.env.LOCALES_DIR ?? "locales");
    console.error("The knowledge files have errors:\n" + error.problems.map((p) => `- ${formatProblem(i18n, p)}`).join("\n"));
  } else {
    throw error;
  }
  process.exit(1);
}
