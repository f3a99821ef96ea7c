import "dotenv/config";
import { createApp } from "./app.js";
import { quietRejectedTokenLogs } from "./hosts/botbuilder/quietTokenLogs.js";
import { ConfigError, loadConfig } from "./config.js";
import { createI18n } from "./i18n.js";
import { formatProblem } from "./knowledge/formatProblem.js";
import { KnowledgeLoadError } from "./knowledge/knowledgeProblem.js";
import { listComuni } from "./knowledge/loadKnowledge.js";
import { createLogger } from "./logger.js";
import { shutdownGracefully } from "./shutdown.js";

try {
  const config = loadConfig(process.env, listComuni);
  const logger = createLogger(config.logLevel);
  // A rejected token is one line in our log (the HTTP layer's 401), not a stack trace from botbuilder.
  if (config.botSdk === "botbuilder") quietRejectedTokenLogs();
  const app = createApp(config, logger);
  // The host's SDK loads in the background; one that cannot load stops the start here, not at the first request.
  await app.ready;
  app.server.listen(config.port, () => logger.info({ url: app.server.url }, "bot listening"));
  shutdownGracefully(app, logger);
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
