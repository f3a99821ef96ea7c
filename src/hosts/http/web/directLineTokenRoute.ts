import { randomBytes } from "node:crypto";
import type { Request, Response, Server } from "restify";
import type { Logger } from "pino";
import { DirectLineServiceError, generateDirectLineToken, type DirectLineService } from "./directLineTokenClient.js";
import { clientAddress, requestOrigin } from "./requestOrigin.js";
import type { TokenBuckets } from "../../../limits/tokenBuckets.js";

/** Where the page asks the bot for a Direct Line token in production. */
export const DIRECT_LINE_TOKEN_PATH = "/api/directline/token";

/** What the token endpoint needs: the service, who may ask, and how often. */
export interface TokenEndpoint {
  readonly service: DirectLineService;
  readonly allowedOrigins: readonly string[];
  readonly buckets: TokenBuckets;
  /** proxies in front of the bot whose X-Forwarded-For entry is believed (see {@link clientAddress}) */
  readonly trustProxy?: number;
}

/**
 * GET or POST /api/directline/token (or `path`, a comune's own): checks the asking page's origin and the client's rate, picks a
 * user id (dl_ + random) and exchanges the Direct Line secret for a token bound to it. The answer is
 * `{ token, conversationId?, expires_in, userId }`; the secret never leaves the server.
 */
export function registerDirectLineTokenRoute(server: Server, endpoint: TokenEndpoint, logger: Logger, path: string = DIRECT_LINE_TOKEN_PATH): void {
  const handler = async (req: Request, res: Response): Promise<void> => {
    res.header("Cache-Control", "no-store");
    res.header("Vary", "Origin");
    const origin = requestOrigin(req);
    if (!origin || !endpoint.allowedOrigins.includes(origin)) {
      logger.warn({ origin: origin ?? null }, "chat token refused: origin not allowed");
      res.send(403, { error: "This page may not open the chat." });
      return;
    }
    res.header("Access-Control-Allow-Origin", origin);
    const taken = endpoint.buckets.take(clientAddress(req, endpoint.trustProxy));
    if (!taken.allowed) {
      res.header("Retry-After", String(taken.retryAfterSeconds));
      res.send(429, { error: "Too many chat token requests; try again later." });
      return;
    }
    const userId = `dl_${randomBytes(16).toString("hex")}`;
    try {
      const issued = await generateDirectLineToken(endpoint.service, userId);
      res.send(200, { ...issued, userId });
    } catch (error) {
      if (!(error instanceof DirectLineServiceError)) throw error;
      logger.warn({ reason: error.reason, upstreamStatus: error.upstreamStatus }, "chat token not issued by the Direct Line service");
      if (error.reason === "timeout") res.send(504, { error: "The chat service did not answer in time." });
      else res.send(502, { error: "The chat service did not issue a token." });
    }
  };
  server.get(path, handler);
  server.post(path, handler);
}
