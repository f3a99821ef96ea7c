import { BlobServiceClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlobStateStore } from "../../src/storage/blobStateStore.js";
import { MemoryStateStore } from "../../src/storage/memoryStateStore.js";
import { PrefixedStateStore, stateStoreForComune } from "../../src/storage/prefixedStateStore.js";
import { StateConflict, type StateStore } from "../../src/storage/stateStore.js";
import { startAzurite, type Azurite } from "./azurite.js";

const KEY = "webchat/conversations/same-id";

/** Two comuni write the same conversation's state through their own prefixes, and each reads back its own. */
async function twoComuniOneConversation(shared: StateStore): Promise<void> {
  const cento = stateStoreForComune(shared, "cento/");
  const mezzago = stateStoreForComune(shared, "mezzago/");
  const centoETag = await cento.write(KEY, { v: 1, comune: "cento" });
  const mezzagoETag = await mezzago.write(KEY, { v: 1, comune: "mezzago" });
  expect(await cento.read(KEY)).toEqual({ state: { v: 1, comune: "cento" }, eTag: centoETag });
  expect(await mezzago.read(KEY)).toEqual({ state: { v: 1, comune: "mezzago" }, eTag: mezzagoETag });
  expect(await shared.read(KEY)).toBeUndefined();
  expect((await shared.read(`cento/${KEY}`))?.state).toEqual({ v: 1, comune: "cento" });

  // One comune's eTag means nothing to the other's record, and deleting is as separate.
  await expect(cento.write(KEY, { v: 1 }, mezzagoETag)).rejects.toThrow(StateConflict);
  await cento.delete(KEY);
  expect(await cento.read(KEY)).toBeUndefined();
  expect((await mezzago.read(KEY))?.state).toEqual({ v: 1, comune: "mezzago" });
}

describe("PrefixedStateStore", () => {
  it("keeps two comuni's state of the same conversation apart in one memory store", async () => {
    await twoComuniOneConversation(new MemoryStateStore());
  });

  it("leaves a single comune's store as it is (no prefix, keys unchanged)", () => {
    const shared = new MemoryStateStore();
    expect(stateStoreForComune(shared, "")).toBe(shared);
    expect(stateStoreForComune(shared, "cento/")).toBeInstanceOf(PrefixedStateStore);
    expect(() => new PrefixedStateStore(shared, "")).toThrow(/non-empty prefix/);
  });

  it("names the whole key in the errors of the store below, so a log says which comune", async () => {
    const cento = stateStoreForComune(new MemoryStateStore(), "cento/");
    await expect(cento.write(KEY, { v: 1 }, "stale")).rejects.toMatchObject({ key: `cento/${KEY}` });
  });

  describe("on Azure Blob Storage (Azurite)", () => {
    let azurite: Azurite;
    beforeAll(async () => {
      azurite = await startAzurite();
    }, 30_000);
    afterAll(async () => {
      await azurite?.stop();
    });

    it("keeps two comuni's state of the same conversation apart in one container, each under its folder", async () => {
      const shared = new BlobStateStore({ connectionString: azurite.connectionString, container: "bot-state" });
      await twoComuniOneConversation(shared);
      const names: string[] = [];
      const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient("bot-state");
      for await (const blob of container.listBlobsFlat()) names.push(blob.name);
      expect(names).toEqual([`mezzago/${KEY}`]);
    });
  });
});
