import { pino, type DestinationStream, type Logger } from "pino";
import { redactForLog } from "./privacy/redactPersonalData.js";

/**
 * JSON log lines on stderr, so that stdout stays free for the ask command's output. Fields that
 * may carry what citizens typed are censored wherever they appear, and an error logged as
 * `{ err: error }` is written by {@link serializeError}. Tests pass their own `destination`.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { service: "comune-social-bot" },
      redact: { paths: ["text", "*.text", "activity.text", "req.body", "body"], censor: "[redacted]" },
      serializers: { err: serializeError },
    },
    destination,
  );
}

/** What an error becomes in a log line. */
export interface SerializedError {
  readonly name?: string;
  readonly message: string;
  /** the frames only: the stack's first line repeats the message */
  readonly stack?: string;
  readonly cause?: SerializedError;
  readonly [field: string]: string | number | boolean | SerializedError | undefined;
}

/** How much of an error's message, or of one of its text fields, a log line keeps. */
const KEEP_CHARACTERS = 500;
/** A cause of a cause of a cause is as deep as a log line follows. */
const MAX_CAUSE_DEPTH = 3;
/** Fields a log line never carries, whatever the error: their values are credentials. */
const SECRET_FIELD = /password|secret|token|connectionstring|authorization|credential|cookie|api_?key/i;
/** Fields written from the error itself, never copied from its own properties. */
const OWN_FIELDS = new Set(["name", "message", "stack", "cause"]);
/** A stack frame: V8 writes "    at fn (file:line:column)" under a header that repeats name and message. */
const FRAME = /^\s+at\s/;

/**
 * One log shape for every error: its name, its message with personal data removed (an error's
 * message may quote what a citizen wrote), the stack frames without the header that repeats the
 * message, the error's own scalar fields (status, code, reason, retryAfterSeconds…; text redacted
 * too, since a library may keep its input, as Node's invalid-URL error does) but never one named
 * like a credential nor a nested object, and its `cause` written the same way. Anything thrown
 * that is not an Error is logged as its redacted text.
 */
export function serializeError(error: unknown): SerializedError {
  return serialize(error, 0);
}

function serialize(error: unknown, depth: number): SerializedError {
  if (typeof error !== "object" || error === null) return { message: redactForLog(String(error), KEEP_CHARACTERS) };
  const source = error as Record<string, unknown>;
  const out: Record<string, string | number | boolean | SerializedError> = {};
  const name = error instanceof Error ? error.name : source.name;
  if (typeof name === "string") out.name = name;
  out.message = redactForLog(typeof source.message === "string" ? source.message : "", KEEP_CHARACTERS);
  const stack = typeof source.stack === "string" ? framesOf(source.stack) : undefined;
  if (stack) out.stack = stack;
  for (const [field, value] of Object.entries(source)) {
    if (OWN_FIELDS.has(field) || SECRET_FIELD.test(field)) continue;
    if (typeof value === "string") out[field] = redactForLog(value, KEEP_CHARACTERS);
    else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") out[field] = value;
  }
  if (source.cause !== undefined && depth < MAX_CAUSE_DEPTH) out.cause = serialize(source.cause, depth + 1);
  return out as SerializedError;
}

/** The stack from its first frame on: the header may span several lines when the message does. */
function framesOf(stack: string): string | undefined {
  const lines = stack.split("\n");
  const first = lines.findIndex((line) => FRAME.test(line));
  return first === -1 ? undefined : lines.slice(first).join("\n");
}

export type { Logger };
