import { createHash } from "node:crypto";
import { packageRoot } from "../packageRoot.js";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Request, Response, Server } from "restify";

/** The folder with the page template, its script and its style. */
export const WEB_DIR = resolve(packageRoot(import.meta.dirname), "web");

/** A file served as it is, kept in memory with its gzip form and an ETag. */
export interface StaticAsset {
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

/** Web Chat's self-contained bundle, from the installed package (its exports map hides dist/, so go from lib/). */
export function webChatBundlePath(): string {
  const main = createRequire(import.meta.url).resolve("botframework-webchat");
  return join(dirname(main), "..", "dist", "webchat.js");
}

/**
 * The page's files by URL path. Only these paths are served, so no request can name another file.
 * A missing file stops start-up, with the path in the message.
 */
export function loadStaticAssets(webDir: string = WEB_DIR): ReadonlyMap<string, StaticAsset> {
  const files: Array<[string, string, string]> = [
    ["/webchat/webchat.js", webChatBundlePath(), "text/javascript; charset=utf-8"],
    ["/webchat/page.js", join(webDir, "page.js"), "text/javascript; charset=utf-8"],
    ["/webchat/page.css", join(webDir, "page.css"), "text/css; charset=utf-8"],
  ];
  return new Map(
    files.map(([path, file, contentType]) => {
      const body = readFileSync(file);
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
      return [path, { body, gzipped: gzipSync(body), contentType, etag }];
    }),
  );
}

/** Serves each asset at its path, gzipped when the browser accepts it, revalidated by ETag. */
export function registerStaticAssets(server: Server, assets: ReadonlyMap<string, StaticAsset>): void {
  for (const [path, asset] of assets) {
    server.get(path, async (req: Request, res: Response) => {
      const headers: Record<string, string> = {
        "Content-Type": asset.contentType,
        "Cache-Control": "no-cache",
        ETag: asset.etag,
        Vary: "Accept-Encoding",
        "X-Content-Type-Options": "nosniff",
      };
      if (req.header("if-none-match") === asset.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const gzip = /\bgzip\b/.test(req.header("accept-encoding") ?? "");
      if (gzip) headers["Content-Encoding"] = "gzip";
      res.writeHead(200, headers);
      res.end(gzip ? asset.gzipped : asset.body);
    });
  }
}
