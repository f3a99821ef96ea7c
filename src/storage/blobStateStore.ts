import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { BlockBlobClient, ContainerClient, StorageRetryOptions } from "@azure/storage-blob";
import { StateConflict, StateTooLarge, type StateStore, type StoredState } from "./stateStore.js";

const require = createRequire(import.meta.url);

/** Settings of a {@link BlobStateStore}. */
export interface BlobStateStoreOptions {
  /** the storage account's connection string (account key or SAS); it never appears in an error */
  readonly connectionString: string;
  /** the container holding the state, created on first use if missing */
  readonly container: string;
  /** largest state accepted, in bytes of JSON; a larger write is refused, a larger blob read as an error (default 4 KB) */
  readonly maxStateBytes?: number;
  /** how the Azure SDK retries and times out each request (default {@link DEFAULT_RETRY}) */
  readonly retry?: StorageRetryOptions;
}

/** Four times the core's 1 KB state: room to grow, but a state growing without bound is refused early. */
export const DEFAULT_MAX_STATE_BYTES = 4 * 1024;

/**
 * A turn waits for its state: the SDK's own defaults (4 tries, 4 s apart and growing, no timeout per
 * try) could hold a citizen's message for minutes. Three short tries give up within about 20 s.
 */
export const DEFAULT_RETRY: StorageRetryOptions = {
  maxTries: 3,
  tryTimeoutInMs: 6_000,
  retryDelayInMs: 200,
  maxRetryDelayInMs: 1_000,
};

/** Azure's limit on a blob name's length, and on the number of its `/`-separated segments. */
const MAX_BLOB_NAME_LENGTH = 1024;
const MAX_BLOB_NAME_SEGMENTS = 254;

export type BlobStateOperation = "connect" | "create container" | "read" | "write" | "delete";

/**
 * A failure of Azure Blob Storage (or of the way to it) for one record: the HTTP status and Azure's error
 * code when there was an answer, the network error's code when there was not. The message never holds
 * the connection string, its key or a SAS signature.
 */
export class BlobStateError extends Error {
  override readonly name = "BlobStateError";
  constructor(
    readonly operation: BlobStateOperation,
    /** the record's key, or undefined for a failure before any record (a connection string that is not valid) */
    readonly key: string | undefined,
    /** the HTTP status Azure answered with, or undefined when there was no answer */
    readonly statusCode: number | undefined,
    /** Azure's error code (`AuthenticationFailed`, `ContainerBeingDeleted`), a network error's (`ECONNREFUSED`), or ours */
    readonly code: string | undefined,
    /** Azure's request id, to quote to Azure support */
    readonly requestId: string | undefined,
    detail: string,
  ) {
    const what = key === undefined ? operation : `${operation} "${key.slice(0, 80)}"`;
    const status = [statusCode === undefined ? undefined : `status ${statusCode}`, code].filter(Boolean).join(", ");
    super(`Blob state store: ${what} failed${status ? ` (${status})` : ""}: ${detail}`);
  }
}

/**
 * The name of the blob that holds `key`. Keys are made of channel and conversation ids, which may hold
 * any character, so each `/`-separated segment is escaped on its own: letters, digits, `-` and `_` stay,
 * any other ASCII character becomes `%XX` and any other UTF-16 unit `%uXXXX` (so a lone surrogate is
 * kept apart too), and an empty segment becomes `~`. The mapping is one to one, names stay readable and
 * grouped by comune and channel, and no segment is `.` or `..` (which URLs would resolve away) nor ends
 * with a dot. A name over Azure's limits (1,024 characters, 254 segments) becomes `~long/<sha256 of the
 * key>`, which no escaped name can equal, since none has a segment that starts with `~` but is not `~`.
 */
export function blobNameForKey(key: string): string {
  const segments = key.split("/");
  const name = segments.map(escapeSegment).join("/");
  if (name.length <= MAX_BLOB_NAME_LENGTH && segments.length <= MAX_BLOB_NAME_SEGMENTS) return name;
  return `~long/${createHash("sha256").update(key, "utf16le").digest("hex")}`;
}

function escapeSegment(segment: string): string {
  if (segment === "") return "~";
  let escaped = "";
  for (let i = 0; i < segment.length; i++) {
    const unit = segment.charCodeAt(i);
    if (/[A-Za-z0-9_-]/.test(segment[i] ?? "")) escaped += segment[i];
    else if (unit < 0x80) escaped += `%${unit.toString(16).toUpperCase().padStart(2, "0")}`;
    else escaped += `%u${unit.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return escaped;
}

/**
 * Conversation state in Azure Blob Storage through `@azure/storage-blob` itself, so that several
 * instances share conversations: one blob per key holding the state's JSON, and the blob's ETag as the
 * record's eTag (a write with one is conditional on `If-Match`). The container is created on first use.
 * The SDK is loaded when the first store is built, so a bot on memory storage never pays for it.
 */
export class BlobStateStore implements StateStore {
  private readonly container: ContainerClient;
  private readonly containerName: string;
  private readonly maxStateBytes: number;
  private readonly secrets: readonly string[];
  /** the container's creation, once it has succeeded or while it is under way; a failure is forgotten, to be tried again */
  private containerReady: Promise<void> | undefined;

  constructor(options: BlobStateStoreOptions) {
    this.maxStateBytes = options.maxStateBytes ?? DEFAULT_MAX_STATE_BYTES;
    if (!(Number.isInteger(this.maxStateBytes) && this.maxStateBytes > 0)) {
      throw new RangeError(`maxStateBytes must be a positive integer, not ${this.maxStateBytes}.`);
    }
    this.containerName = options.container;
    this.secrets = secretsOf(options.connectionString);
    const { BlobServiceClient } = require("@azure/storage-blob") as typeof import("@azure/storage-blob");
    try {
      const service = BlobServiceClient.fromConnectionString(options.connectionString, { retryOptions: options.retry ?? DEFAULT_RETRY });
      this.container = service.getContainerClient(options.container);
    } catch (error) {
      throw new BlobStateError("connect", undefined, undefined, "InvalidConnectionString", undefined, this.describe(error));
    }
  }

  async read(key: string): Promise<StoredState | undefined> {
    await this.ensureContainer(key);
    let response: Awaited<ReturnType<BlockBlobClient["download"]>>;
    try {
      response = await this.blob(key).download();
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.failure("read", key, error);
    }
    const body = response.readableStreamBody;
    if (!body || !response.etag) {
      throw new BlobStateError("read", key, response._response.status, "IncompleteResponse", response.requestId, "the answer had no body or no ETag.");
    }
    if (response.contentLength !== undefined && response.contentLength > this.maxStateBytes) {
      destroy(body);
      throw this.tooLargeToRead(key, response.contentLength, response.requestId);
    }
    const text = await this.readCapped(key, body, response.requestId);
    try {
      return { state: JSON.parse(text) as unknown, eTag: response.etag };
    } catch {
      throw new BlobStateError("read", key, undefined, "InvalidJson", response.requestId, "the blob does not hold JSON.");
    }
  }

  async write(key: string, state: object, eTag?: string): Promise<string> {
    const body = Buffer.from(JSON.stringify(state));
    if (body.length > this.maxStateBytes) throw new StateTooLarge(key, body.length, this.maxStateBytes);
    await this.ensureContainer(key);
    try {
      return await this.upload(key, body, eTag);
    } catch (error) {
      if (azureCodeOf(error) !== "ContainerNotFound") throw this.writeFailure(key, eTag, error);
      // Deleted since it was created here: create it again. A conditional write fails all the same,
      // since its blob went with the container; an unconditional one is tried once more.
      this.containerReady = undefined;
      if (eTag !== undefined) throw new StateConflict(key);
    }
    await this.ensureContainer(key);
    try {
      return await this.upload(key, body, undefined);
    } catch (error) {
      throw this.writeFailure(key, undefined, error);
    }
  }

  async delete(key: string): Promise<void> {
    await this.ensureContainer(key);
    try {
      await this.blob(key).delete();
    } catch (error) {
      if (statusOf(error) !== 404) throw this.failure("delete", key, error);
    }
  }

  private async upload(key: string, body: Buffer, eTag: string | undefined): Promise<string> {
    const response = await this.blob(key).upload(body, body.length, {
      blobHTTPHeaders: { blobContentType: "application/json" },
      conditions: eTag === undefined ? undefined : { ifMatch: eTag },
    });
    if (!response.etag) throw new Error("the answer had no ETag.");
    return response.etag;
  }

  private writeFailure(key: string, eTag: string | undefined, error: unknown): Error {
    const status = statusOf(error);
    // 412: the blob carries another ETag, or is gone (If-Match never matches a missing blob); 409: a
    // lease or a concurrent operation holds it. Either way another turn got there first.
    if (eTag !== undefined && (status === 412 || status === 409)) return new StateConflict(key);
    return this.failure("write", key, error);
  }

  private blob(key: string): BlockBlobClient {
    return this.container.getBlockBlobClient(blobNameForKey(key));
  }

  private async ensureContainer(key: string): Promise<void> {
    this.containerReady ??= this.container.createIfNotExists().then(
      () => undefined,
      (error: unknown) => {
        this.containerReady = undefined;
        throw error;
      },
    );
    try {
      await this.containerReady;
    } catch (error) {
      throw this.failure("create container", key, error);
    }
  }

  /** Reads the body, refusing it as soon as it passes the limit, so that a huge blob is never buffered whole. */
  private async readCapped(key: string, body: NodeJS.ReadableStream, requestId: string | undefined): Promise<string> {
    const chunks: Buffer[] = [];
    let length = 0;
    try {
      for await (const chunk of body) {
        const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        length += buffer.length;
        if (length > this.maxStateBytes) {
          destroy(body);
          throw this.tooLargeToRead(key, length, requestId);
        }
        chunks.push(buffer);
      }
    } catch (error) {
      if (error instanceof BlobStateError) throw error;
      throw this.failure("read", key, error);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  private tooLargeToRead(key: string, bytes: number, requestId: string | undefined): BlobStateError {
    return new BlobStateError("read", key, undefined, "StateTooLarge", requestId, `the blob holds at least ${bytes} bytes, over the limit of ${this.maxStateBytes}.`);
  }

  private failure(operation: BlobStateOperation, key: string, error: unknown): BlobStateError {
    const detail = `${this.describe(error)} (container "${this.containerName}")`;
    return new BlobStateError(operation, key, statusOf(error), azureCodeOf(error), requestIdOf(error), detail);
  }

  /** The first line of an error's message, without anything secret the connection string holds. */
  private describe(error: unknown): string {
    let text = (error instanceof Error ? error.message : String(error)).split("\n")[0]?.trim() ?? "";
    for (const secret of this.secrets) text = text.split(secret).join("[redacted]");
    text = text.replace(/([?&]sig=)[^&\s"']+/gi, "$1[redacted]");
    return text.slice(0, 300) || "no detail";
  }
}

/** The values in a connection string that must never be shown: the account key and the SAS token, raw and URL-encoded. */
function secretsOf(connectionString: string): string[] {
  const secrets: string[] = [];
  for (const part of connectionString.split(";")) {
    const match = /^\s*(AccountKey|SharedAccessSignature)\s*=(.+)$/i.exec(part);
    const value = match?.[2]?.trim();
    if (value) secrets.push(value, encodeURIComponent(value));
  }
  return secrets.filter((secret) => secret.length >= 8);
}

function fieldOf(error: unknown, field: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[field] : undefined;
}

function statusOf(error: unknown): number | undefined {
  const status = fieldOf(error, "statusCode");
  return typeof status === "number" ? status : undefined;
}

/** Azure's error code (`BlobNotFound`, `AuthenticationFailed`) or a network error's (`ECONNREFUSED`). */
function azureCodeOf(error: unknown): string | undefined {
  const code = fieldOf(fieldOf(error, "details"), "errorCode") ?? fieldOf(error, "code");
  return typeof code === "string" && /^[A-Za-z0-9_]{1,64}$/.test(code) ? code : undefined;
}

function requestIdOf(error: unknown): string | undefined {
  const headers = fieldOf(fieldOf(error, "response"), "headers");
  const get = fieldOf(headers, "get");
  const id = fieldOf(fieldOf(error, "details"), "requestId") ?? (typeof get === "function" ? (get as (name: string) => unknown).call(headers, "x-ms-request-id") : undefined);
  return typeof id === "string" && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : undefined;
}

function destroy(stream: NodeJS.ReadableStream): void {
  const destroyable = stream as NodeJS.ReadableStream & { destroy?: () => void };
  destroyable.destroy?.();
}
