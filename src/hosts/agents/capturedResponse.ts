import type { WebResponse } from "@microsoft/agents-hosting";

/**
 * The response object the Agents SDK writes to (its `WebResponse`: what Express's response offers),
 * kept in memory: the HTTP layer, not the SDK, answers the real request.
 */
export class CapturedResponse implements WebResponse {
  statusCode = 200;
  body: unknown = undefined;
  headersSent = false;
  writableEnded = false;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  setHeader(_name: string, _value: string): this {
    return this;
  }

  send(body?: unknown): this {
    this.body = body;
    this.headersSent = true;
    return this;
  }

  end(): this {
    this.writableEnded = true;
    return this;
  }
}
