import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";

/**
 * How long a connection with no request in progress is left open once draining starts. A client that
 * has just had an answer on it sends its next request within this time, gets that answered with
 * `Connection: close`, and so never writes to a connection the server has already closed (a reset).
 */
export const IDLE_GRACE_MS = 2_000;

/**
 * The connections of an HTTP server, followed from the start so that it can be stopped without
 * losing a reply: {@link drain} stops accepting, lets every request in progress finish, and ends each
 * keep-alive connection after its response instead of leaving it open for the next request.
 */
export class ConnectionDrain {
  private readonly connections = new Set<Socket>();
  private readonly responses = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: HttpServer) {
    server.on("connection", (socket: Socket) => {
      this.connections.add(socket);
      socket.once("close", () => this.connections.delete(socket));
    });
    // First among the request listeners, so that the header is set before any handler can answer.
    server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => this.follow(res));
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
    // After the grace, again now and then: a connection whose answer was already on its way when
    // draining began went out with keep-alive and becomes idle only later.
    let closeIdle: NodeJS.Timeout | undefined;
    const graceOver = setTimeout(() => {
      this.server.closeIdleConnections();
      closeIdle = setInterval(() => this.server.closeIdleConnections(), 250);
    }, idleGraceMs);
    return closed.finally(() => {
      clearTimeout(graceOver);
      clearInterval(closeIdle);
    });
  }

  /** Ends every connection now, whatever it is doing (when the time for a graceful stop is over). */
  closeAll(): void {
    this.server.closeAllConnections();
  }

  private follow(res: ServerResponse): void {
    this.responses.add(res);
    if (this.draining) this.closeAfter(res);
    res.once("close", () => this.responses.delete(res));
  }

  /**
   * A response whose headers are already out keeps its connection: ending it here could cut a request
   * the client has just sent on it. It is closed with the idle ones, or after its next response.
   */
  private closeAfter(res: ServerResponse): void {
    if (!res.headersSent) res.setHeader("Connection", "close");
  }
}
