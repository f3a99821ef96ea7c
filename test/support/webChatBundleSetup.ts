import { ensureWebChatBundle } from "../../scripts/webChatBundle.js";

/**
 * vitest's global setup: the web tests serve Web Chat's bundle, which is built, not installed; on a
 * fresh checkout this fetches it once (as `npm start` and `npm run build` do), later it is a no-op.
 */
export default function setup(): void {
  ensureWebChatBundle();
}
