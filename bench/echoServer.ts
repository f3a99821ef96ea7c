/**
 * The baseline of the HTTP benchmark: the bot's own HTTP layer (src/hosts/http/server.ts: restify, the
 * same body parser and request checks) and the host BOT_SDK names (botbuilder's CloudAdapter or the
 * Agents SDK's, in open mode), around a turn logic that sends the text back. No conversation core, no
 * state, no rendering, no turn log: what is left is the cost of the transport and the SDK, so the bot's
 * ratio to it is what the conversation pipeline costs.
 * Prints {"port": n} on stdout once listening.
 */
import { OPEN_MODE } from "../src/hosts/botAuthSettings.js";
import { readBotSdk } from "../src/config.js";
import { createHost } from "../src/hosts/createHost.js";
import { createBaseServer, registerMessagingEndpoint } from "../src/hosts/http/server.js";
import type { TurnLogic } from "../src/hosts/messagingHost.js";
import { createLogger } from "../src/logger.js";

/** No credentials: the bot's open (local) mode, as bench/botServer.ts runs it. */

const echo: TurnLogic = async (activity, send) => {
  if (activity.type === "message") await send([{ type: "message", text: activity.text ?? "" }]);
};

const sdk = readBotSdk(process.env.BOT_SDK);
const logger = createLogger("silent");
const host = createHost({ sdk, auth: OPEN_MODE, runTurn: echo, logger });
const server = createBaseServer(logger);
registerMessagingEndpoint(server, "/api/messages", { host, openMode: true }, logger);
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: address.port, sdk })}\n`);
});

// An exit through Node on the benchmark's SIGTERM (not the signal's default), so that `node --cpu-prof` writes its profile.
process.once("SIGTERM", () => process.exit(0));
