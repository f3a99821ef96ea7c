import type { Next, Request, Response } from "restify";

/**
 * A restify pre-handler (it runs on every route, before routing and before any body is read) that
 * answers 415 to a request whose body declares a Content-Encoding other than identity.
 *
 * Why not let restify decompress: its body reader ignores its decompressor's error event, so a body
 * that is not valid gzip kills the process, and its size limit counts compressed bytes, so a small
 * gzip body can inflate to hundreds of megabytes. No channel of this bot sends compressed requests.
 */
export function rejectEncodedBodies(req: Request, res: Response, next: Next): void {
  const encoding = req.headers["content-encoding"]?.trim().toLowerCase();
  if (encoding === undefined || encoding === "" || encoding === "identity") {
    // "identity" means no encoding, but restify's body reader refuses any Content-Encoding but gzip.
    delete req.headers["content-encoding"];
    next();
    return;
  }
  // The body is never read: Node discards it after the response, keeping the connection usable.
  res.send(415, { error: "Compressed request bodies are not accepted: send the body without Content-Encoding." });
  next(false);
}
