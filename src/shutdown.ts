import type { Logger } from "pino";
import type { App } from "./app.js";

/** Longest wait for turns in flight before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 8_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let the turns in flight finish, then exit —
 * within 10 seconds whatever happens, as App Service and Kubernetes expect.
 */
export function shutdownGracefully(app: App, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      logger.warn("turns still in flight at the deadline; exiting");
      exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close();
    app.server.close(() => {
      logger.info("all connections closed");
      exit(0);
    });
    // Idle keep-alive connections would hold the server open until they time out.
    app.server.server.closeIdleConnections();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}
