import type { Request, Response, Server } from "restify";
import type { Logger } from "pino";
import {
  DirectLineRequestError,
  parseClientActivity,
  parseStartRequest,
  parseWatermark,
  type LocalDirectLine,
} from "./localDirectLine.js";

/** Where the local Direct Line is served; Web Chat is given this as its `domain`. */
export const LOCAL_DIRECT_LINE_PATH = "/v3/directline";

const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Serves the local Direct Line subset over HTTP, with the request and response shapes of Direct Line
 * 3.0, so that Web Chat's own `createDirectLine({ domain, token, webSocket: false })` talks to it.
 */
export function registerLocalDirectLine(server: Server, directLine: LocalDirectLine, logger: Logger): void {
  const base = LOCAL_DIRECT_LINE_PATH;

  server.post(`${base}/tokens/generate`, handle(logger, (req) => ({ status: 200, body: directLine.generateToken(parseStartRequest(req.body)) })));

  server.post(`${base}/tokens/refresh`, handle(logger, (req) => ({ status: 200, body: directLine.refresh(bearerToken(req)) })));

  server.post(
    `${base}/conversations`,
    handle(logger, async (req) => {
      const { created, issued } = await directLine.start(bearerToken(req), parseStartRequest(req.body));
      // No streamUrl: the client polls, which is all this subset offers.
      return { status: created ? 201 : 200, body: issued };
    }),
  );

  server.get(
    `${base}/conversations/:conversationId`,
    handle(logger, (req) => ({ status: 200, body: directLine.reconnect(conversationId(req), bearerToken(req)) })),
  );

  server.post(
    `${base}/conversations/:conversationId/activities`,
    handle(logger, async (req) => {
      const id = await directLine.post(conversationId(req), bearerToken(req), parseClientActivity(req.body));
      return { status: 200, body: { id } };
    }),
  );

  server.get(
    `${base}/conversations/:conversationId/activities`,
    handle(logger, (req) => {
      const watermark = parseWatermark(new URL(req.url ?? "", "http://local").searchParams.get("watermark"));
      return { status: 200, body: directLine.activities(conversationId(req), bearerToken(req), watermark) };
    }),
  );
}

type Handler = (req: Request) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;

/** Turns refusals into Direct Line error bodies and anything unexpected into a bare 500. */
function handle(logger: Logger, handler: Handler) {
  return async (req: Request, res: Response): Promise<void> => {
    res.header("Cache-Control", "no-store");
    try {
      const { status, body } = await handler(req);
      res.send(status, body);
    } catch (error) {
      if (error instanceof DirectLineRequestError) {
        logger.debug({ status: error.status, code: error.code, path: req.path() }, "local Direct Line request refused");
        res.send(error.status, { error: { code: error.code, message: error.message } });
      } else {
        logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, "local Direct Line request failed");
        res.send(500, { error: { code: "ServiceError", message: "The request could not be processed." } });
      }
    }
  };
}

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S{1,512})$/i.exec(req.header("authorization") ?? "");
  return match?.[1];
}

function conversationId(req: Request): string {
  const id: unknown = req.params?.conversationId;
  if (typeof id !== "string" || !CONVERSATION_ID.test(id)) {
    throw new DirectLineRequestError(404, "ConversationNotFound", "No such conversation, or it has expired.");
  }
  return id;
}
