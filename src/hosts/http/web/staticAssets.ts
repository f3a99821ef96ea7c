import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Request, Response, Server } from "restify";
import { packageRoot } from "../../../packageRoot.js";

/** The folder with the page template, its script and its style. */
export const WEB_DIR = resolve(packageRoot(import.meta.dirname), "web");

/** Where `npm run webchat:bundle` (scripts/webChatBundle.ts) puts Web Chat's bundle; git-ignored. */
export const WEB_CHAT_BUNDLE_DIR = join(WEB_DIR, "vendor");

/** The files of the built bundle, compressed once at build time rather than at every start-up. */
export const WEB_CHAT_BUNDLE = Object.freeze({
  script: "webchat.js",
  gzip: "webchat.js.gz",
  brotli: "webchat.js.br",
  licence: "webchat.js.LICENSE.txt",
  stamp: "webchat.version",
});

/** Content encodings the server can send, best first. */
const ENCODINGS = ["br", "gzip"] as const;
type Encoding = (typeof ENCODINGS)[number];

/** Revalidated on every use: the page's own small files, whose URL never changes. */
const REVALIDATE = "no-cache";
/** Cached for a year without asking: the URL changes whenever the content does. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/** A file served from memory, with the compressed forms it has. */
export interface StaticAsset {
  readonly body: Buffer;
  readonly encoded: Readonly<Partial<Record<Encoding, Buffer>>>;
  readonly contentType: string;
  readonly cacheControl: string;
  /** identifies the content; each encoding's ETag adds its name */
  readonly hash: string;
}

/** The page's files by URL path, and the content-hashed path the page loads Web Chat from. */
export interface StaticAssets {
  readonly files: ReadonlyMap<string, StaticAsset>;
  readonly webChatPath: string;
}

const JAVASCRIPT = "text/javascript; charset=utf-8";

/**
 * Loads the page's files. Only these paths are served, so no request can name another file. A missing
 * file stops start-up with its path in the message; a missing Web Chat bundle also says how to build it.
 */
export function loadStaticAssets(webDir: string = WEB_DIR): StaticAssets {
  const webChat = loadWebChatBundle(join(webDir, "vendor"));
  const page = (name: string, contentType: string): StaticAsset => {
    const body = readFileSync(join(webDir, name));
    return { body, encoded: { gzip: gzipSync(body) }, contentType, cacheControl: REVALIDATE, hash: hashOf(body) };
  };
  const webChatPath = `/webchat/webchat.${webChat.hash}.js`;
  return {
    webChatPath,
    files: new Map([
      [webChatPath, webChat],
      ["/webchat/page.js", page("page.js", JAVASCRIPT)],
      ["/webchat/page.css", page("page.css", "text/css; charset=utf-8")],
      // The bundle's first line points here for its licences (MIT and the libraries it includes).
      [`/webchat/${WEB_CHAT_BUNDLE.licence}`, page(`vendor/${WEB_CHAT_BUNDLE.licence}`, "text/plain; charset=utf-8")],
    ]),
  };
}

function loadWebChatBundle(dir: string): StaticAsset {
  const path = (name: string) => join(dir, name);
  const missing = Object.values(WEB_CHAT_BUNDLE).map(path).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`Web Chat's bundle is missing (${missing.join(", ")}): run \`npm run webchat:bundle\`, which fetches it from the npm registry.`);
  }
  const body = readFileSync(path(WEB_CHAT_BUNDLE.script));
  return {
    body,
    encoded: { br: readFileSync(path(WEB_CHAT_BUNDLE.brotli)), gzip: readFileSync(path(WEB_CHAT_BUNDLE.gzip)) },
    contentType: JAVASCRIPT,
    cacheControl: IMMUTABLE,
    hash: hashOf(body),
  };
}

function hashOf(body: Buffer): string {
  return createHash("sha256").update(body).digest("base64url").slice(0, 22);
}

/**
 * Serves each asset at its path in the best encoding the browser accepts (brotli, gzip, none), with
 * `Vary: Accept-Encoding`; revalidated files answer a matching If-None-Match with 304.
 */
export function registerStaticAssets(server: Server, assets: StaticAssets): void {
  for (const [path, asset] of assets.files) {
    server.get(path, async (req: Request, res: Response) => {
      const encoding = ENCODINGS.find((e) => asset.encoded[e] !== undefined && accepts(req.header("accept-encoding") ?? "", e));
      const etag = `"${asset.hash}${encoding ? `-${encoding}` : ""}"`;
      const headers: Record<string, string> = {
        "Content-Type": asset.contentType,
        "Cache-Control": asset.cacheControl,
        ETag: etag,
        Vary: "Accept-Encoding",
        "X-Content-Type-Options": "nosniff",
      };
      if (req.header("if-none-match") === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = (encoding && asset.encoded[encoding]) || asset.body;
      if (encoding) headers["Content-Encoding"] = encoding;
      headers["Content-Length"] = String(body.length);
      res.writeHead(200, headers);
      res.end(body);
    });
  }
}

/** Whether an Accept-Encoding header allows `encoding` (named, or through "*", with a q above 0). */
export function accepts(header: string, encoding: Encoding): boolean {
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith("q="));
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  return (weights.get(encoding) ?? weights.get("*") ?? 0) > 0;
}
