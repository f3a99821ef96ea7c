/**
 * The real bot for the HTTP benchmark, built by src/app.ts's createApp exactly as src/index.ts builds
 * it, but listening on a free port of 127.0.0.1 and printing {"port": n} on stdout once listening.
 * LOG_LEVEL defaults to silent so that log writing is not what gets measured.
 */
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { listComuni } from "../src/knowledge/loadKnowledge.js";
import { createLogger } from "../src/logger.js";
import { shutdownGracefully } from "../src/shutdown.js";

const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent", PORT: process.env.PORT ?? "0" }, listComuni);
const logger = createLogger(config.logLevel);
const app = createApp(config, logger);
// As src/index.ts: listening once the host's SDK has loaded.
await app.ready;
app.server.listen(config.port, "127.0.0.1", () => {
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});

shutdownGracefully(app, logger);
