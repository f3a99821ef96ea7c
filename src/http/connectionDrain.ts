import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";

/** How long a connection with no request in progress is left open once draining starts. */
export const IDLE_GRACE_MS = 500;

/**
 * The connections of an HTTP server, followed from the start so that it can be stopped without
 * losing a reply: {@link drain} stops accepting, lets every request in progress finish, and ends each
 * keep-alive connection right after its response instead of leaving it open for the next request.
 */
export class ConnectionDrain {
  /** open connections, with the number of responses each has in progress */
  private readonly connections = new Map<Socket, number>();
  private readonly responses = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: HttpServer) {
    server.on("connection", (socket: Socket) => {
      this.connections.set(socket, 0);
      socket.once("close", () => this.connections.delete(socket));
    });
    // First among the request listeners, so that the header is set before any handler can answer.
    server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => this.follow(req.socket, res));
  }

  /** Connections open now. */
  get open(): number {
    return this.connections.size;
  }

  /** Requests whose response has not finished yet. */
  get inFlight(): number {
    return this.responses.size;
  }

  /**
   * Stops accepting connections and resolves once every connection has closed: responses in progress
   * finish and carry `Connection: close`; connections with no request in progress are closed after
   * {@link IDLE_GRACE_MS}, so that a request already on its way on one is still answered.
   */
  drain(idleGraceMs = IDLE_GRACE_MS): Promise<void> {
    this.draining = true;
    for (const res of this.responses) this.closeAfter(res);
    const closed = new Promise<void>((resolve) => {
      // net.Server's own close: http.Server's closes idle keep-alive connections at once, and a client
      // that has just sent a request on one of them would get a reset instead of its answer.
      NetServer.prototype.close.call(this.server, () => resolve());
    });
    const closeIdle = setTimeout(() => this.server.closeIdleConnections(), idleGraceMs);
    return closed.finally(() => clearTimeout(closeIdle));
  }

  /** Ends every connection now, whatever it is doing (when the time for a graceful stop is over). */
  closeAll(): void {
    this.server.closeAllConnections();
  }

  private follow(socket: Socket, res: ServerResponse): void {
    this.responses.add(res);
    this.connections.set(socket, (this.connections.get(socket) ?? 0) + 1);
    if (this.draining) this.closeAfter(res);
    res.once("close", () => {
      this.responses.delete(res);
      const left = (this.connections.get(socket) ?? 1) - 1;
      if (this.connections.has(socket)) this.connections.set(socket, left);
      // A response already under way when draining began may have promised keep-alive: end it here.
      if (this.draining && left === 0 && !socket.destroyed) socket.end();
    });
  }

  private closeAfter(res: ServerResponse): void {
    if (!res.headersSent) res.setHeader("Connection", "close");
  }
}
