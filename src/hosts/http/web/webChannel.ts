import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import type { TurnLogic } from "../../messagingHost.js";
import type { Request, Response, Server } from "restify";
import type { AppConfig } from "../../../config.js";
import type { KnowledgeSource } from "../../../conversation/knowledgeBundle.js";
import type { ConversationLimits } from "./directLineConversations.js";
import { DIRECT_LINE_TOKEN_PATH, registerDirectLineTokenRoute, type TokenEndpoint } from "./directLineTokenRoute.js";
import { LocalDirectLine } from "./localDirectLine.js";
import { LOCAL_DIRECT_LINE_PATH, registerLocalDirectLine, type LocalDirectLineLimits } from "./localDirectLineRoutes.js";
import { pageTheme } from "../../../web/pageTheme.js";
import { loadStaticAssets, registerStaticAssets, WEB_DIR, type StaticAssets } from "./staticAssets.js";
import { TokenBuckets } from "../../../limits/tokenBuckets.js";
import { pageLanguage, WebChatPage, type ChatConnection } from "../../../web/webChatPage.js";

/** How long the bot waits for the Direct Line service to issue a token. */
export const TOKEN_REQUEST_TIMEOUT_MS = 5000;

/** Everything the website widget serves: the page, its files, and one way to reach the bot. */
export interface WebChannel {
  readonly page: WebChatPage;
  readonly assets: StaticAssets;
  /** on only in open mode outside production */
  readonly localDirectLine?: LocalDirectLine;
  /** on only when a Direct Line secret is configured */
  readonly tokenEndpoint?: TokenEndpoint;
  /** rate limits of the local Direct Line (defaults: the Bot Framework path's) */
  readonly localDirectLineLimits?: LocalDirectLineLimits;
  /** where the page and its Direct Line routes live: "" for `/`, `/<id>` for one comune of several */
  readonly basePath: string;
}

export interface WebChannelDeps {
  readonly config: Pick<AppConfig, "production" | "openMode" | "directLine"> & Partial<Pick<AppConfig, "trustProxy">>;
  readonly knowledge: KnowledgeSource;
  readonly i18n: i18n;
  /** the comune's turn logic, which the local Direct Line runs in process */
  readonly runTurn: TurnLogic;
  readonly logger: Logger;
  readonly tokenTimeoutMs?: number;
  readonly tokenBuckets?: TokenBuckets;
  readonly conversationLimits?: ConversationLimits;
  readonly localDirectLineLimits?: LocalDirectLineLimits;
  readonly webDir?: string;
  /** "" (the default) serves the page at `/`; `/<id>` at `/<id>/`, with its Direct Line routes under it */
  readonly basePath?: string;
}

/**
 * Decides how the page reaches the bot: through the Direct Line service when DIRECT_LINE_SECRET is set;
 * else through the bot's own Direct Line, but only without Bot Framework credentials and outside
 * production; else the page says the chat is unavailable.
 */
export function createWebChannel(deps: WebChannelDeps): WebChannel {
  const { config, knowledge, logger } = deps;
  const webDir = deps.webDir ?? WEB_DIR;
  const basePath = deps.basePath ?? "";
  const profile = knowledge.current().knowledge.profile;
  for (const problem of pageTheme(profile.theme).problems) logger.warn({ comune: profile.id }, `chat page colours: ${problem}; using the default`);

  let connection: ChatConnection = { mode: "unavailable" };
  let localDirectLine: LocalDirectLine | undefined;
  let tokenEndpoint: TokenEndpoint | undefined;
  if (config.directLine.secret !== "") {
    tokenEndpoint = {
      service: { baseUrl: config.directLine.baseUrl, secret: config.directLine.secret, timeoutMs: deps.tokenTimeoutMs ?? TOKEN_REQUEST_TIMEOUT_MS },
      allowedOrigins: config.directLine.allowedOrigins,
      buckets: deps.tokenBuckets ?? new TokenBuckets(),
      trustProxy: config.trustProxy ?? 0,
    };
    connection = { mode: "service", tokenUrl: basePath + DIRECT_LINE_TOKEN_PATH, domain: `${config.directLine.baseUrl}/v3/directline` };
  } else if (config.openMode && !config.production) {
    localDirectLine = new LocalDirectLine({
      runTurn: deps.runTurn,
      botAccount: { id: `${profile.id}-bot`, name: profile.name },
      ...(deps.conversationLimits ? { limits: deps.conversationLimits } : {}),
    });
    connection = { mode: "local", tokenUrl: `${basePath}${LOCAL_DIRECT_LINE_PATH}/tokens/generate`, domain: basePath + LOCAL_DIRECT_LINE_PATH };
    logger.warn("website chat uses the bot's own Direct Line (local use only): set DIRECT_LINE_SECRET for the Direct Line service");
  } else {
    logger.warn("website chat is off: set DIRECT_LINE_SECRET (and ALLOWED_ORIGINS) to serve it through the Direct Line service");
  }

  const template = readFileSync(join(webDir, "index.html"), "utf8");
  const assets = loadStaticAssets(webDir);
  const page = new WebChatPage(template, knowledge, deps.i18n, connection, config.directLine.allowedOrigins, assets.webChatPath);
  return {
    page,
    assets,
    ...(localDirectLine ? { localDirectLine } : {}),
    ...(tokenEndpoint ? { tokenEndpoint } : {}),
    localDirectLineLimits: { ...deps.localDirectLineLimits, trustProxy: config.trustProxy ?? 0 },
    basePath,
  };
}

/** Registers the page at `/`, its files, and whichever Direct Line route the channel has. */
export function registerWebChannel(server: Server, channel: WebChannel, logger: Logger): void {
  registerChatPage(server, channel, logger);
  registerStaticAssets(server, channel.assets);
}

/**
 * Registers one comune's page at its base path (`/` or `/<id>/`, where `/<id>` is sent on to `/<id>/` so
 * that the page's relative links resolve) and its Direct Line route; the shared files are registered once
 * apart, with registerStaticAssets.
 */
export function registerChatPage(server: Server, channel: WebChannel, logger: Logger): void {
  const { basePath } = channel;
  server.get(`${basePath}/`, async (req: Request, res: Response) => {
    const language = pageLanguage(new URL(req.url ?? "/", "http://local").searchParams.get("lang"));
    const { html, headers } = channel.page.render(language);
    res.writeHead(200, headers);
    res.end(html);
  });
  if (basePath !== "") {
    server.get(basePath, async (req: Request, res: Response) => {
      const query = new URL(req.url ?? "/", "http://local").search;
      res.header("Location", `${basePath}/${query}`);
      res.send(301);
    });
  }
  if (channel.localDirectLine) {
    registerLocalDirectLine(server, channel.localDirectLine, logger, channel.localDirectLineLimits, basePath + LOCAL_DIRECT_LINE_PATH);
  }
  if (channel.tokenEndpoint) registerDirectLineTokenRoute(server, channel.tokenEndpoint, logger, basePath + DIRECT_LINE_TOKEN_PATH);
}
