import restify, { type Next, type Request, type Response, type Server } from "restify";
import type { Logger } from "pino";
import type { InboundActivity } from "../../channels/activity.js";
import { UnauthorizedRequest, type MessagingHost } from "../messagingHost.js";
import type { KnowledgeSource } from "../../conversation/knowledgeBundle.js";
import { rejectEncodedBodies } from "./rejectEncodedBodies.js";
import { rejectionOf } from "../../incomingActivity.js";
import { registerChatPage, registerWebChannel, type WebChannel } from "./web/webChannel.js";
import { registerStaticAssets } from "./web/staticAssets.js";
import { registerComuniIndexPage, type ComuniIndexPage } from "./web/comuniIndexPage.js";

/** One comune's bot as the server reaches it: its host (and so its credentials) and its knowledge. */
export interface ComuneEndpoint {
  readonly host: MessagingHost;
  readonly knowledge: KnowledgeSource;
  /**
   * no Bot Framework credentials, so requests are not authenticated: its messaging endpoint then answers
   * only in the response body or to a serviceUrl on this machine (default: true, the safe assumption)
   */
  readonly openMode?: boolean;
  /** the website widget: its page, its files and its Direct Line route */
  readonly web?: WebChannel;
}

export interface ServerDeps extends ComuneEndpoint {
  readonly logger: Logger;
}

/** Several comuni in one server, each on its own paths. */
export interface MultiComuneServerDeps {
  /** by comune id, in the order of COMUNI */
  readonly comuni: ReadonlyMap<string, ComuneEndpoint>;
  readonly logger: Logger;
  /** the page at `/` listing the comuni */
  readonly index?: ComuniIndexPage;
}

/** Largest request body accepted on any route. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The HTTP face of the bot: POST /api/messages for the Bot Framework, GET /healthz for operators, and
 * the website widget when it is given.
 * Malformed requests get a 4xx with a short JSON reason, never a stack trace.
 */
export function createServer(deps: ServerDeps): Server {
  const server = createBaseServer(deps.logger);
  registerMessagingEndpoint(server, "/api/messages", deps, deps.logger);
  server.get("/healthz", async (_req: Request, res: Response) => {
    const health = comuneHealth(deps.knowledge);
    // The single-comune fields as they always were, and the list a multi-comune deployment gives.
    res.send(200, { status: "ok", ...health, comuni: [health] });
  });
  if (deps.web) registerWebChannel(server, deps.web, deps.logger);
  return server;
}

/**
 * The server of a deployment serving several comuni: each comune's messaging endpoint at
 * `/api/messages/<id>` (its Azure Bot and Facebook page point there) and its chat page at `/<id>/`; `/`
 * lists the comuni and /healthz reports each one's knowledge.
 */
export function createMultiComuneServer(deps: MultiComuneServerDeps): Server {
  const server = createBaseServer(deps.logger);
  let assetsRegistered = false;
  for (const [id, comune] of deps.comuni) {
    const logger = deps.logger.child({ comune: id });
    registerMessagingEndpoint(server, `/api/messages/${id}`, comune, logger);
    if (comune.web) {
      registerChatPage(server, comune.web, logger);
      // The page's files are the same for every comune: served once.
      if (!assetsRegistered) registerStaticAssets(server, comune.web.assets);
      assetsRegistered = true;
    }
  }
  server.get("/healthz", async (_req: Request, res: Response) => {
    res.send(200, { status: "ok", comuni: [...deps.comuni.values()].map((comune) => comuneHealth(comune.knowledge)) });
  });
  if (deps.index) registerComuniIndexPage(server, deps.index);
  return server;
}

interface ComuneHealth {
  readonly comune: string;
  readonly knowledgeVersion: string;
  readonly knowledgeLoadedAt?: string;
  readonly lastReloadError?: { readonly at: string } | null;
}

/** What /healthz says of a comune: public, so when a reload failed and never what was wrong (that is in the log and in knowledge:check). */
function comuneHealth(source: KnowledgeSource): ComuneHealth {
  const { knowledge } = source.current();
  const status = source.status?.();
  return {
    comune: knowledge.comune,
    knowledgeVersion: knowledge.version,
    ...(status ? { knowledgeLoadedAt: status.loadedAt, lastReloadError: status.lastError ? { at: status.lastError.at } : null } : {}),
  };
}

/** The restify server, as the rest of the bot may name it without importing restify. */
export type HttpServer = Server;

/**
 * The server every deployment starts from: body limits, and short fixed reasons on errors. The
 * benchmark's echo bot starts from it too, so that both pay for the same HTTP layer.
 */
export function createBaseServer(logger: Logger): Server {
  const server = restify.createServer({ name: "comune-social-bot", handleUncaughtExceptions: false });
  server.pre(rejectEncodedBodies);
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  server.on("restifyError", (req: Request, res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    logger.warn({ status: err.statusCode, path: req.path(), reason: err.name }, "request rejected");
    // Never echo internals: replace the body restify would send with a short, fixed reason.
    err.toJSON = () => ({ error: err.name.replace(/Error$/, "") });
    callback();
  });
  return server;
}

/** POST `path`: a Bot Framework activity for one comune's bot, authenticated with that comune's credentials. */
export function registerMessagingEndpoint(server: Server, path: string, comune: Pick<ComuneEndpoint, "host" | "openMode">, logger: Logger): void {
  const openMode = comune.openMode ?? true;
  server.post(path, requireJson, async (req: Request, res: Response) => {
    const body: unknown = req.body;
    const rejection = rejectionOf(body, { openMode });
    if (rejection) {
      res.send(400, { error: rejection });
      return;
    }
    try {
      const result = await comune.host.handleActivity(req.header("authorization") ?? "", body as InboundActivity);
      res.send(result.status, result.body);
    } catch (error) {
      if (error instanceof UnauthorizedRequest) {
        logger.warn({ status: 401, reason: error.reason, channel: (body as InboundActivity).channelId }, "request rejected");
        res.send(401, { error: "Unauthorized." });
        return;
      }
      logger.error({ err: error }, "request failed");
      if (!res.headersSent) res.send(500, { error: "The message could not be processed." });
    }
  });
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
