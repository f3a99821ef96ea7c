import { clientKeyOf } from "../../../limits/clientKey.js";
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
 * Who is asking, for rate limiting, as a {@link clientKeyOf} key. With `trustProxy` 0 it is the socket's
 * peer: X-Forwarded-For is written by whoever sends the request and proves nothing. With N trusted
 * proxies in front (Azure App Service's front end is one), it is the address the outermost of them saw:
 * the N-th X-Forwarded-For entry counted from the end, each proxy having appended the address it was
 * called from. A missing or malformed entry falls back to the socket's peer.
 */
export function clientAddress(req: Request, trustProxy = 0): string {
  const peer = req.socket?.remoteAddress;
  const forwarded = trustProxy > 0 ? (req.header("x-forwarded-for") ?? "").split(",").map((part) => part.trim()) : [];
  // From the nearest hop outwards: the socket's peer, then the X-Forwarded-For entries from the last.
  const hops = [peer, ...forwarded.reverse()];
  const seen = hops[Math.min(trustProxy, hops.length - 1)];
  return clientKeyOf(seen) ?? clientKeyOf(peer) ?? "unknown";
}
