import restify, { type Next, type Request, type Response, type Server } from "restify";
import type { Activity } from "botbuilder";
import { UnauthorizedRequest, type BotHttpAdapter } from "./bot/botHttpAdapter.js";
import type { Logger } from "pino";
import type { CitizenBot } from "./bot/citizenBot.js";
import type { KnowledgeSource } from "./conversation/knowledgeBundle.js";
import { rejectEncodedBodies } from "./http/rejectEncodedBodies.js";
import { rejectionOf } from "./incomingActivity.js";
import { registerWebChannel, type WebChannel } from "./web/webChannel.js";

export interface ServerDeps {
  readonly adapter: BotHttpAdapter;
  readonly bot: CitizenBot;
  readonly knowledge: KnowledgeSource;
  readonly logger: Logger;
  /**
   * no Bot Framework credentials, so requests are not authenticated: /api/messages then answers only
   * in the response body or to a serviceUrl on this machine (default: true, the safe assumption)
   */
  readonly openMode?: boolean;
  /** the website widget: its page at `/`, its files and its Direct Line route */
  readonly web?: WebChannel;
}

/** Largest request body accepted on any route. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The HTTP face of the bot: POST /api/messages for the Bot Framework, GET /healthz for operators, and
 * the website widget when it is given.
 * Malformed requests get a 4xx with a short JSON reason, never a stack trace.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: "comune-social-bot", handleUncaughtExceptions: false });
  const openMode = deps.openMode ?? true;
  server.pre(rejectEncodedBodies);
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  server.post("/api/messages", requireJson, async (req: Request, res: Response) => {
    const body: unknown = req.body;
    const rejection = rejectionOf(body, { openMode });
    if (rejection) {
      res.send(400, { error: rejection });
      return;
    }
    try {
      const result = await deps.adapter.handleActivity(req.header("authorization") ?? "", body as Activity, (context) => deps.bot.run(context));
      res.send(result.status, result.body);
    } catch (error) {
      if (error instanceof UnauthorizedRequest) {
        deps.logger.warn({ status: 401, reason: error.reason, channel: (body as Activity).channelId }, "request rejected");
        res.send(401, { error: "Unauthorized." });
        return;
      }
      deps.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, "request failed");
      if (!res.headersSent) res.send(500, { error: "The message could not be processed." });
    }
  });

  server.get("/healthz", async (_req: Request, res: Response) => {
    const { knowledge } = deps.knowledge.current();
    const status = deps.knowledge.status?.();
    res.send(200, {
      status: "ok",
      comune: knowledge.comune,
      knowledgeVersion: knowledge.version,
      // Public: when a reload failed, never what was wrong (that is in the log and in knowledge:check).
      ...(status ? { knowledgeLoadedAt: status.loadedAt, lastReloadError: status.lastError ? { at: status.lastError.at } : null } : {}),
    });
  });

  if (deps.web) registerWebChannel(server, deps.web, deps.logger);

  server.on("restifyError", (req: Request, res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    deps.logger.warn({ status: err.statusCode, path: req.path(), reason: err.name }, "request rejected");
    // Never echo internals: replace the body restify would send with a short, fixed reason.
    err.toJSON = () => ({ error: err.name.replace(/Error$/, "") });
    callback();
  });
  return server;
}

/**
 * Bot Framework channels always post JSON. Refusing every other type also keeps web pages out: a
 * cross-site form or `no-cors` fetch can send only form or text bodies without a CORS preflight.
 */
function requireJson(req: Request, res: Response, next: Next): void {
  if (req.getContentType().trim() === "application/json") {
    next();
    return;
  }
  res.send(415, { error: "The body must be a JSON activity (Content-Type: application/json)." });
  next(false);
}
