import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

/** The service's own logger, writing its JSON lines to memory instead of stderr. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger("info", stream), lines };
}

const CITIZEN = "sono Mario Rossi, chiamatemi al 333 1234567 o a mario.rossi@example.com";

class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly retryAfterSeconds: number,
    readonly retried: boolean,
  ) {
    super(message);
  }
}

describe("an error logged as { err: error }", () => {
  it("keeps its name, redacted message, frames and own scalar fields", () => {
    const { logger, lines } = capturedLogger();
    logger.error({ err: new UpstreamError(`cannot parse «${CITIZEN}»`, 429, "TooManyRequests", 7, false) }, "request failed");
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ msg: "request failed", service: "comune-social-bot" });
    const err = line!.err as Record<string, unknown>;
    expect(err).toMatchObject({ name: "UpstreamError", status: 429, code: "TooManyRequests", retryAfterSeconds: 7, retried: false });
    expect(err.message).toMatch(/^cannot parse «/);
    expect(err.stack).toMatch(/^\s+at /);
    expect(err.stack).toContain("logger.test.ts");
    const written = JSON.stringify(line);
    for (const personal of ["Mario", "Rossi", "333 1234567", "mario.rossi@example.com"]) expect(written).not.toContain(personal);
  });

  it("never writes a field named like a credential, nor a nested object", () => {
    const { logger, lines } = capturedLogger();
    const error = Object.assign(new Error("storage refused the write"), {
      code: "AuthorizationFailure",
      password: "hunter2",
      accessToken: "EAAB-token",
      connectionString: "DefaultEndpointsProtocol=https;AccountKey=abc",
      authorization: "Bearer xyz",
      clientSecret: "s3cret",
      request: { url: "https://example.invalid/", body: { text: CITIZEN } },
      headers: ["x-ms-request-id"],
    });
    logger.warn({ err: error }, "could not write");
    const err = lines[0]!.err as Record<string, unknown>;
    expect(Object.keys(err).sort()).toEqual(["code", "message", "name", "stack"]);
    expect(err.code).toBe("AuthorizationFailure");
    const written = JSON.stringify(lines[0]);
    for (const secret of ["hunter2", "EAAB-token", "AccountKey", "Bearer xyz", "s3cret", "example.invalid", "Mario"]) expect(written).not.toContain(secret);
  });

  it("drops the whole header of the stack, also when the message spans lines", () => {
    const { logger, lines } = capturedLogger();
    logger.error({ err: new Error(`first line\nsecond line quoting ${CITIZEN}\nthird line`) }, "turn failed");
    const err = lines[0]!.err as { message: string; stack: string };
    expect(err.stack.split("\n").every((frame) => /^\s+at /.test(frame))).toBe(true);
    expect(err.message).toContain("second line quoting");
    expect(JSON.stringify(lines[0])).not.toContain("Rossi");
  });

  it("keeps no more than 500 characters of a message", () => {
    const { logger, lines } = capturedLogger();
    logger.error({ err: new Error("x".repeat(5000)) }, "failed");
    expect((lines[0]!.err as { message: string }).message).toHaveLength(500);
  });

  it("keeps a system error's code and path", async () => {
    const { logger, lines } = capturedLogger();
    const { readFile } = await import("node:fs/promises");
    const error = await readFile("/nonexistent/interactions/missed-2026-11-20.jsonl").catch((e: unknown) => e);
    logger.warn({ err: error }, "interaction log: could not write");
    expect(lines[0]!.err).toMatchObject({
      name: "Error",
      code: "ENOENT",
      syscall: "open",
      errno: -2,
      path: "/nonexistent/interactions/missed-2026-11-20.jsonl",
    });
  });

  it("writes the cause the same way", () => {
    const { logger, lines } = capturedLogger();
    const cause = Object.assign(new Error(`connect ECONNREFUSED for ${CITIZEN}`), { code: "ECONNREFUSED", token: "t0k3n" });
    logger.error({ err: new TypeError("fetch failed", { cause }) }, "handover to staff failed");
    const err = lines[0]!.err as { name: string; cause: Record<string, unknown> };
    expect(err.name).toBe("TypeError");
    expect(err.cause).toMatchObject({ name: "Error", code: "ECONNREFUSED", stack: expect.stringMatching(/^\s+at /) });
    const written = JSON.stringify(lines[0]);
    expect(written).not.toContain("t0k3n");
    expect(written).not.toContain("Rossi");
  });

  it("writes something thrown that is not an Error as its redacted text", () => {
    const { logger, lines } = capturedLogger();
    logger.error({ err: `rejected: ${CITIZEN}` }, "failed");
    const err = lines[0]!.err as Record<string, unknown>;
    expect(Object.keys(err)).toEqual(["message"]);
    expect(err.message).toMatch(/^rejected: /);
    expect(JSON.stringify(lines[0])).not.toContain("333 1234567");
  });

  it("is also how pino writes an error passed as the first argument", () => {
    const { logger, lines } = capturedLogger();
    logger.error(new UpstreamError(`no answer for ${CITIZEN}`, 503, "Unavailable", 30, true), "request failed");
    expect(lines[0]!.err).toMatchObject({ name: "UpstreamError", status: 503, retryAfterSeconds: 30 });
    expect(JSON.stringify(lines[0])).not.toContain("mario.rossi@example.com");
  });
});
