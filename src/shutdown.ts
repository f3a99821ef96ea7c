import type { Logger } from "pino";
import type { App } from "./app.js";

/** Connections still open this long after the signal are closed, leaving time for the staff log's last write. */
export const FORCE_CLOSE_MS = 7_500;
/** The process exits by then whatever happens: App Service and Kubernetes kill it at 10 s. */
export const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let the turns in flight finish and send their
 * replies (each keep-alive connection closed after its response), write the staff log's last lines,
 * then exit 0 — or 1, within {@link SHUTDOWN_DEADLINE_MS}, if something would not finish.
 */
export function shutdownGracefully(app: Pick<App, "connections" | "close">, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, connections: app.connections.open, inFlight: app.connections.inFlight }, "shutting down");
    // Not unref'd: these are the promise that the process ends even if a turn never does.
    const deadline = setTimeout(() => {
      logger.warn("shutdown deadline reached; exiting");
      exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    let forced = false;
    const force = setTimeout(() => {
      forced = true;
      logger.warn({ inFlight: app.connections.inFlight }, "requests still in flight at the deadline; closing their connections");
      app.connections.closeAll();
    }, FORCE_CLOSE_MS);
    await app.connections.drain();
    clearTimeout(force);
    logger.info("all connections closed");
    try {
      await app.close();
    } catch (error) {
      logger.warn({ err: error }, "could not finish writing the staff log");
    }
    clearTimeout(deadline);
    exit(forced ? 1 : 0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
