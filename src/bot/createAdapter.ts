import { redactForLog } from "../privacy/redactPersonalData.js";
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
    // An error's message (and its stack's first line) may quote what the citizen wrote: redacted like the staff log.
    const stack = error.stack?.split("\n").slice(1).join("\n");
    logger.error({ err: { name: error.name, message: redactForLog(error.message, 500), stack }, channel: context.activity.channelId }, "turn failed");
    const language = chooseLanguage(undefined, undefined, context.activity.locale);
    try {
      await context.sendActivity(knowledge.current().composer.turnError(language));
    } catch (sendError) {
      logger.warn({ err: { message: redactForLog((sendError as Error).message, 500) } }, "could not tell the user about the failed turn");
    }
  };
  return adapter;
}
