import type { Request, Response, Server } from "restify";
import type { Logger } from "pino";
import { clientAddress } from "./requestOrigin.js";
import { DEFAULT_TOKEN_REQUEST_LIMITS, TokenBuckets, type BucketLimits } from "../../../limits/tokenBuckets.js";
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
 * 3.0 under `base` (a comune's own when several share the server), so that Web Chat's own `createDirectLine({ domain, token, webSocket: false })` talks to it.
 */
export function registerLocalDirectLine(
  server: Server,
  directLine: LocalDirectLine,
  logger: Logger,
  limits: LocalDirectLineLimits = {},
  base: string = LOCAL_DIRECT_LINE_PATH,
): void {
  const perClient = limits.perClient ?? new TokenBuckets(DEFAULT_TOKEN_REQUEST_LIMITS);
  const perConversation = limits.perConversation ?? new TokenBuckets(DEFAULT_POST_LIMITS);
  const limited = (buckets: TokenBuckets, key: (req: Request) => string) => (req: Request) => {
    const verdict = buckets.take(key(req));
    if (!verdict.allowed) throw new DirectLineRequestError(429, "TooManyRequests", `Too many requests; retry in ${verdict.retryAfterSeconds} s.`, verdict.retryAfterSeconds);
  };
  const startsPerClient = limited(perClient, (req) => clientAddress(req, limits.trustProxy));
  const postsPerConversation = limited(perConversation, conversationId);

  server.post(
    `${base}/tokens/generate`,
    handle(logger, (req) => {
      startsPerClient(req);
      return { status: 200, body: directLine.generateToken(parseStartRequest(req.body)) };
    }),
  );

  server.post(`${base}/tokens/refresh`, handle(logger, (req) => ({ status: 200, body: directLine.refresh(bearerToken(req)) })));

  server.post(
    `${base}/conversations`,
    handle(logger, async (req) => {
      startsPerClient(req);
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
      postsPerConversation(req);
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

/** A conversation may post a burst of 12 messages, then 20 a minute, like the Bot Framework path. */
export const DEFAULT_POST_LIMITS: BucketLimits = Object.freeze({ capacity: 12, refillPerSecond: 20 / 60, maxClients: 10_000 });

export interface LocalDirectLineLimits {
  /** token generation and conversation starts, per client address */
  readonly perClient?: TokenBuckets;
  /** messages posted, per conversation */
  readonly perConversation?: TokenBuckets;
  /** proxies in front of the bot whose X-Forwarded-For entry is believed (see {@link clientAddress}) */
  readonly trustProxy?: number;
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
        if (error.retryAfterSeconds !== undefined) res.header("Retry-After", String(error.retryAfterSeconds));
        res.send(error.status, { error: { code: error.code, message: error.message } });
      } else {
        logger.error({ err: error }, "local Direct Line request failed");
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
