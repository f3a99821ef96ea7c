import { BlobServiceClient, type ContainerClient } from "@azure/storage-blob";
import { connect, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlobStateError, BlobStateStore, blobNameForKey, DEFAULT_MAX_STATE_BYTES, type BlobStateStoreOptions } from "../../src/storage/blobStateStore.js";
import { StateConflict, StateTooLarge } from "../../src/storage/stateStore.js";
import { freePort } from "../support/freePort.js";
import { startAzurite, type Azurite } from "./azurite.js";

let azurite: Azurite;
let containers = 0;

beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);

afterAll(async () => {
  await azurite?.stop();
});

/** A container name of its own for each test, so that no test sees another's blobs. */
function freshContainer(): string {
  return `state-${++containers}`;
}

function store(container: string, options: Partial<BlobStateStoreOptions> = {}): BlobStateStore {
  return new BlobStateStore({ connectionString: azurite.connectionString, container, ...options });
}

/** The SDK itself, to look at the container the way an operator would. */
function sdk(container: string): ContainerClient {
  return BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(container);
}

async function blobNames(container: string): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of sdk(container).listBlobsFlat()) names.push(blob.name);
  return names.sort();
}

describe("BlobStateStore on Azurite", () => {
  it("writes, reads and deletes a record, one JSON blob per key, with the blob's ETag", async () => {
    const container = freshContainer();
    const states = store(container);
    const state = { v: 1, language: "en", pending: { topic: "tari" }, welcomed: true };
    const eTag = await states.write("cento/msteams/conversations/c1", state);
    expect(await states.read("cento/msteams/conversations/c1")).toEqual({ state, eTag });
    expect(await states.read("cento/msteams/conversations/other")).toBeUndefined();

    const blob = sdk(container).getBlobClient("cento/msteams/conversations/c1");
    const properties = await blob.getProperties();
    expect(properties.contentType).toBe("application/json");
    expect(properties.etag).toBe(eTag);
    expect(JSON.parse((await blob.downloadToBuffer()).toString())).toEqual(state);

    await states.delete("cento/msteams/conversations/c1");
    await states.delete("cento/msteams/conversations/c1"); // already gone: nothing to do
    expect(await states.read("cento/msteams/conversations/c1")).toBeUndefined();
    expect(await blobNames(container)).toEqual([]);
  });

  it("creates a missing container on first use, once, even when two instances start together", async () => {
    const container = freshContainer();
    expect(await sdk(container).exists()).toBe(false);
    const [first, second] = [store(container), store(container)];
    expect(await first.read("k")).toBeUndefined();
    expect(await sdk(container).exists()).toBe(true);
    await Promise.all([first.write("a", { n: 1 }), second.write("b", { n: 2 })]);
    expect(await blobNames(container)).toEqual(["a", "b"]);
  });

  it("creates the container again when it was deleted under a running store", async () => {
    const container = freshContainer();
    const states = store(container);
    await states.write("a", { n: 1 });
    await sdk(container).delete();
    await states.write("b", { n: 2 });
    expect(await blobNames(container)).toEqual(["b"]);
  });

  it("refuses a write with a stale eTag from another instance (another replica wrote first) and keeps that write", async () => {
    const container = freshContainer();
    const [replicaA, replicaB] = [store(container), store(container)];
    await replicaA.write("cento/test/conversations/c", { v: 1, language: "it" });
    const seenByA = await replicaA.read("cento/test/conversations/c");
    const seenByB = await replicaB.read("cento/test/conversations/c");
    expect(seenByB?.eTag).toBe(seenByA?.eTag);

    const newer = await replicaA.write("cento/test/conversations/c", { v: 1, language: "en" }, seenByA?.eTag);
    const write = replicaB.write("cento/test/conversations/c", { v: 1, language: "de" }, seenByB?.eTag);
    await expect(write).rejects.toThrow(StateConflict);
    await expect(write).rejects.toMatchObject({ key: "cento/test/conversations/c" });
    expect(await replicaB.read("cento/test/conversations/c")).toEqual({ state: { v: 1, language: "en" }, eTag: newer });

    // Read again, B's turn goes through.
    const retried = await replicaB.write("cento/test/conversations/c", { v: 1, language: "de" }, newer);
    expect((await replicaA.read("cento/test/conversations/c"))?.eTag).toBe(retried);
  });

  it("refuses a write with an eTag once the record is gone, and never recreates it", async () => {
    const states = store(freshContainer());
    const eTag = await states.write("c", { n: 1 });
    await states.delete("c");
    await expect(states.write("c", { n: 2 }, eTag)).rejects.toThrow(StateConflict);
    expect(await states.read("c")).toBeUndefined();
  });

  it("writes whatever is there without an eTag", async () => {
    const container = freshContainer();
    const [replicaA, replicaB] = [store(container), store(container)];
    await replicaA.write("c", { n: 1 });
    const eTag = await replicaB.write("c", { n: 2 });
    expect(await replicaA.read("c")).toEqual({ state: { n: 2 }, eTag });
  });

  it("refuses a state over the limit with StateTooLarge before uploading anything", async () => {
    const container = freshContainer();
    const states = store(container);
    await states.write("c", { n: 1 });
    const big = { v: 1, pad: "x".repeat(DEFAULT_MAX_STATE_BYTES) };
    const write = states.write("c", big);
    await expect(write).rejects.toThrow(StateTooLarge);
    await expect(write).rejects.toMatchObject({ key: "c", limit: DEFAULT_MAX_STATE_BYTES, bytes: JSON.stringify(big).length });
    await expect(states.write("new", big)).rejects.toThrow(StateTooLarge);
    expect((await states.read("c"))?.state).toEqual({ n: 1 });
    expect(await blobNames(container)).toEqual(["c"]);
    // The limit is in bytes of UTF-8, not in characters.
    await expect(store(container, { maxStateBytes: 100 }).write("c", { pad: "è".repeat(50) })).rejects.toThrow(StateTooLarge);
  });

  it("reads a blob over the limit as an error, and one that is not JSON as another", async () => {
    const container = freshContainer();
    const states = store(container);
    await states.write("c", { n: 1 }); // creates the container
    await sdk(container).getBlockBlobClient("huge").upload(Buffer.alloc(200_000, "x"), 200_000);
    const read = states.read("huge");
    await expect(read).rejects.toThrow(BlobStateError);
    await expect(read).rejects.toMatchObject({ operation: "read", key: "huge", code: "StateTooLarge" });
    await sdk(container).getBlockBlobClient("broken").upload("{not json", 9);
    await expect(states.read("broken")).rejects.toMatchObject({ operation: "read", key: "broken", code: "InvalidJson" });
  });

  it("keeps keys with any characters apart, each in one blob with a safe name", async () => {
    const container = freshContainer();
    const states = store(container);
    const keys = [
      "cento/webchat/conversations/a b",
      "cento/webchat/conversations/città €",
      "cento/webchat/conversations/50%",
      "cento/webchat/conversations/50%25",
      "cento/webchat/conversations/a/b",
      "cento/webchat/conversations/a%2Fb",
      "cento/webchat/conversations/../x",
      "cento/webchat/x",
      "cento/webchat/conversations/.",
      "cento/webchat/conversations/",
      "cento/webchat/conversations//",
      "cento/webchat/conversations/~",
      "cento/webchat/conversations/?q=1#frag",
      "cento/webchat/conversations/\\\u0000\n😀\ud800",
      "cento/webchat/conversations/\ud800",
    ];
    for (const [index, key] of keys.entries()) await states.write(key, { index });
    for (const [index, key] of keys.entries()) expect((await states.read(key))?.state).toEqual({ index });

    const names = await blobNames(container);
    expect(names).toEqual(keys.map(blobNameForKey).sort());
    expect(new Set(names).size).toBe(keys.length);
    for (const name of names) {
      expect(name.split("/").every((segment) => /^(~|[A-Za-z0-9_%-]+)$/.test(segment))).toBe(true);
    }
    expect(blobNameForKey("cento/webchat/conversations/a b")).toBe("cento/webchat/conversations/a%20b");
    expect(blobNameForKey("cento/webchat/conversations/../x")).toBe("cento/webchat/conversations/%2E%2E/x");
    expect(blobNameForKey("cento/webchat/conversations/città")).toBe("cento/webchat/conversations/citt%u00E0");
    expect(blobNameForKey("cento/webchat/conversations/")).toBe("cento/webchat/conversations/~");

    for (const key of keys) await states.delete(key);
    expect(await blobNames(container)).toEqual([]);
  });

  it("keeps names within Azure's 1,024 characters and 254 segments, whatever the key", async () => {
    const states = store(freshContainer());
    const long = ["a", "€".repeat(400), "b".repeat(1_100), "/".repeat(300), `x/${"y/".repeat(300)}`];
    for (const key of long) {
      const name = blobNameForKey(key);
      expect(name.length).toBeLessThanOrEqual(1_024);
      expect(name.split("/").length).toBeLessThanOrEqual(254);
    }
    expect(new Set(long.map(blobNameForKey)).size).toBe(long.length);
    for (const [index, key] of long.entries()) await states.write(key, { index });
    for (const [index, key] of long.entries()) expect((await states.read(key))?.state).toEqual({ index });
  });
});

describe("BlobStateStore when Azure cannot be reached or refuses", () => {
  const WRONG_KEY = Buffer.from("not-the-account-key-at-all-0123456789").toString("base64");

  it("gives a typed error with the status and the key, and no secret, for a wrong account key", async () => {
    const connectionString = azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${WRONG_KEY}`);
    const states = new BlobStateStore({ connectionString, container: freshContainer() });
    const error = await states.write("cento/test/conversations/c", { n: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlobStateError);
    expect(error).toMatchObject({ operation: "create container", key: "cento/test/conversations/c", statusCode: 403 });
    const text = `${String(error)} ${JSON.stringify(error)}`;
    expect(text).toContain("cento/test/conversations/c");
    expect(text).not.toContain(WRONG_KEY);
    expect(text).not.toContain(connectionString);
    expect(text).not.toMatch(/AccountKey/i);
  });

  it("tries to create the container again after a failure, rather than remembering it", async () => {
    // The endpoint is a port nobody listens on at first, then a proxy to Azurite: Azure back after an outage.
    const port = await freePort();
    const azurePort = Number(/BlobEndpoint=http:\/\/127\.0\.0\.1:(\d+)/.exec(azurite.connectionString)?.[1]);
    const connectionString = azurite.connectionString.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`);
    const container = freshContainer();
    const states = new BlobStateStore({ connectionString, container, retry: { maxTries: 1 } });
    await expect(states.write("c", { n: 1 })).rejects.toMatchObject({ operation: "create container", code: "ECONNREFUSED" });
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = connect(azurePort, "127.0.0.1");
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    await new Promise<void>((done) => proxy.listen(port, "127.0.0.1", done));
    try {
      await states.write("c", { n: 1 });
      expect(await blobNames(container)).toEqual(["c"]);
    } finally {
      // The SDK keeps its connections alive: end them, or close would wait for them.
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => proxy.close(done));
    }
  });

  it("gives a typed error without a status for an endpoint nobody listens on", async () => {
    const connectionString = azurite.connectionString.replace(/BlobEndpoint=http:\/\/127\.0\.0\.1:\d+/, "BlobEndpoint=http://127.0.0.1:9");
    const states = new BlobStateStore({ connectionString, container: freshContainer(), retry: { maxTries: 2, retryDelayInMs: 10 } });
    const error = await states.read("c").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlobStateError);
    expect(error).toMatchObject({ key: "c", statusCode: undefined, code: "ECONNREFUSED" });
    expect(String(error)).not.toContain(azurite.connectionString.match(/AccountKey=([^;]+)/)?.[1]);
  });

  it("refuses a connection string that is not one, without echoing it", () => {
    const connectionString = "DefaultEndpointsProtocol=ftp;AccountName=cento;AccountKey=c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
    let error: unknown;
    try {
      new BlobStateStore({ connectionString, container: "bot-state" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BlobStateError);
    expect(error).toMatchObject({ operation: "connect", code: "InvalidConnectionString" });
    expect(String(error)).not.toContain("c2VjcmV0LXNlY3JldC1zZWNyZXQ=");
  });
});
