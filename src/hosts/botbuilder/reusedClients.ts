/** Clients kept at most; all forgotten when full (service URLs come from requests: in open mode, from anyone). */
export const MAX_REUSED_CLIENTS = 64;

/**
 * Clients built once per key and then reused: botbuilder's CloudAdapter builds a connector client and a
 * user-token client for every turn (a new Azure HTTP pipeline each, with its policies, user agent and
 * credentials), although what one holds depends only on the bot's app id, the service URL and the
 * audience, and nothing in it changes from one request to the next. A creation that fails is not kept,
 * so the next turn tries again.
 */
export class ReusedClients<T> {
  private readonly clients = new Map<string, Promise<T>>();

  /** The client for `key`, built by `create` the first time (or after a failure, or once the set was full). */
  get(key: string, create: () => Promise<T>): Promise<T> {
    const known = this.clients.get(key);
    if (known) return known;
    if (this.clients.size >= MAX_REUSED_CLIENTS) this.clients.clear();
    const created = create();
    this.clients.set(key, created);
    created.catch(() => {
      if (this.clients.get(key) === created) this.clients.delete(key);
    });
    return created;
  }

  /** Clients kept now. */
  get size(): number {
    return this.clients.size;
  }
}
