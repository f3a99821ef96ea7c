import { OPEN_MODE } from "../../src/hosts/botAuthSettings.js";
import type { AddressInfo } from "node:net";
import { comuneTurns } from "../../src/comuneTurns.js";
import { createHost } from "../../src/hosts/createHost.js";
import { createLogger } from "../../src/logger.js";
import { TEST_SDK } from "../support/testBot.js";
import { createServer } from "../../src/hosts/http/server.js";
import { TokenBuckets } from "../../src/limits/tokenBuckets.js";
import { createWebChannel, type WebChannel, type WebChannelDeps } from "../../src/hosts/http/web/webChannel.js";
import { KNOWLEDGE_DIR, i18n } from "../support/realKnowledge.js";


/** Open local mode, as `npm start` runs with no settings. */
export const LOCAL_CONFIG: WebChannelDeps["config"] = {
  production: false,
  openMode: true,
  directLine: { secret: "", baseUrl: "https://directline.botframework.com", allowedOrigins: [] },
};

export interface WebServer {
  readonly base: string;
  readonly channel: WebChannel;
  close(): Promise<void>;
}

const generousLimits = () => ({
  perClient: new TokenBuckets({ capacity: 10_000, refillPerSecond: 100, maxClients: 100 }),
  perConversation: new TokenBuckets({ capacity: 10_000, refillPerSecond: 100, maxClients: 10_000 }),
});

/**
 * The real server with the real bot and the website widget, on a free port of 127.0.0.1. `webBot`, when
 * given, answers the website's conversations in the real bot's place (it receives the real turn logic).
 */
export async function startWebServer(
  options: {
    comune?: string;
    config?: WebChannelDeps["config"];
    webBot?: (runTurn: WebChannelDeps["runTurn"]) => WebChannelDeps["runTurn"];
  } & Partial<Pick<WebChannelDeps, "tokenTimeoutMs" | "tokenBuckets" | "conversationLimits" | "localDirectLineLimits">> = {},
): Promise<WebServer> {
  // Tests start many conversations from 127.0.0.1: generous limits unless a test sets its own.
  const { comune = "cento", config = LOCAL_CONFIG, localDirectLineLimits = generousLimits(), webBot = (real) => real, ...rest } = options;
  const logger = createLogger("silent");
  const { turns, knowledge } = comuneTurns(KNOWLEDGE_DIR, comune, i18n, logger);
  const host = createHost({ sdk: TEST_SDK, auth: OPEN_MODE, runTurn: turns.run, logger });
  const channel = createWebChannel({ config, knowledge, i18n, runTurn: webBot(turns.run), logger, localDirectLineLimits, ...rest });
  const server = createServer({ host, knowledge, logger, web: channel });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    channel,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
