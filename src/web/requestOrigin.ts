import type { Request } from "restify";

/**
 * The origin of the page that made a request: the Origin header, or else the origin of the Referer
 * (browsers leave Origin out of same-origin GET requests). Undefined when neither says.
 */
export function requestOrigin(req: Request): string | undefined {
  const origin = req.header("origin");
  if (origin && origin !== "null") return origin;
  const referer = req.header("referer");
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/**
 * Who is asking, for rate limiting: the address the nearest proxy saw (the last X-Forwarded-For entry,
 * which Azure App Service and most reverse proxies append), else the socket's peer address.
 */
export function clientAddress(req: Request): string {
  const forwarded = req.header("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return last ?? req.socket?.remoteAddress ?? "unknown";
}
