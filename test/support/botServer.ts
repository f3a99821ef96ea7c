import { OPEN_MODE } from "../../src/hosts/botAuthSettings.js";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { comuneTurns } from "../../src/comuneTurns.js";
import { createHost } from "../../src/hosts/createHost.js";
import type { RateLimitOptions } from "../../src/limits/conversationRateLimit.js";
import { createLogger } from "../../src/logger.js";
import { createServer } from "../../src/hosts/http/server.js";
import { KNOWLEDGE_DIR, i18n } from "./realKnowledge.js";
import { TEST_SDK } from "./testBot.js";

export const NO_CREDENTIALS = OPEN_MODE;

export interface BotServer {
  readonly base: string;
  close(): Promise<void>;
}

/** The real restify server with the real bot and adapter, open (no credentials), on a free port of 127.0.0.1. */
export async function startBotServer(
  options: { comune?: string; logger?: Logger; rateLimit?: Partial<RateLimitOptions> } = {},
): Promise<BotServer> {
  const logger = options.logger ?? createLogger("silent");
  const { turns, knowledge } = comuneTurns(KNOWLEDGE_DIR, options.comune ?? "cento", i18n, logger, { rateLimit: options.rateLimit ?? {} });
  const host = createHost({ sdk: TEST_SDK, auth: NO_CREDENTIALS, runTurn: turns.run, logger });
  const server = createServer({ host, knowledge, logger });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message activity as a channel posts it, asking for the replies in the response body. */
export function messageActivity(text: string, conversation = `c-${Math.random()}`, locale = "it-IT") {
  return {
    type: "message",
    id: "1",
    text,
    locale,
    channelId: "test",
    serviceUrl: "http://127.0.0.1:1/",
    deliveryMode: "expectReplies",
    from: { id: "u1" },
    recipient: { id: "bot" },
    conversation: { id: conversation },
  };
}
