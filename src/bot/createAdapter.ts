import { ConfigurationBotFrameworkAuthentication, type TurnContext } from "botbuilder";
import { BotHttpAdapter } from "./botHttpAdapter.js";
import type { Logger } from "pino";
import type { AppConfig } from "../config.js";
import { chooseLanguage } from "../conversation/chooseLanguage.js";
import type { KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { TurnLogger } from "./turnLogger.js";
import { ConversationRateLimit, type RateLimitOptions } from "./conversationRateLimit.js";

/**
 * The Bot Framework adapter, authenticated from the standard Microsoft* settings (open when they are
 * empty), with the one turn-error handler: the citizen gets a calm translated message, the log gets
 * the error without the message text.
 */
export function createAdapter(
  botAuth: AppConfig["botAuth"],
  knowledge: KnowledgeSource,
  logger: Logger,
  authSettings: Record<string, string> = {},
  rateLimit: Partial<RateLimitOptions> = {},
): BotHttpAdapter {
  const adapter = new BotHttpAdapter(new ConfigurationBotFrameworkAuthentication({ ...authSettings, ...botAuth }));
  adapter.use(new TurnLogger(logger));
  adapter.use(new ConversationRateLimit(knowledge, rateLimit));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: { name: error.name, message: error.message, stack: error.stack }, channel: context.activity.channelId }, "turn failed");
    const language = chooseLanguage(undefined, undefined, context.activity.locale);
    try {
      await context.sendActivity(knowledge.current().composer.turnError(language));
    } catch (sendError) {
      logger.warn({ err: { message: (sendError as Error).message } }, "could not tell the user about the failed turn");
    }
  };
  return adapter;
}
