import { BlobsStorage } from "botbuilder-azure-blobs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { BoundedMemoryStorage } from "../../src/storage/boundedMemoryStorage.js";
import { createStorage, storageConfigFromEnv } from "../../src/storage/createStorage.js";

const CONNECTION = "DefaultEndpointsProtocol=https;AccountName=example;AccountKey=a2V5;EndpointSuffix=core.windows.net";

describe("storageConfigFromEnv", () => {
  it.each([
    [{}, { kind: "memory" }],
    [{ STORAGE: "" }, { kind: "memory" }],
    [{ STORAGE: " Memory " }, { kind: "memory" }],
    [{ STORAGE: "blob", STORAGE_CONNECTION_STRING: CONNECTION }, { kind: "blob", connectionString: CONNECTION, container: "bot-state" }],
    [
      { STORAGE: "BLOB", STORAGE_CONNECTION_STRING: ` ${CONNECTION} `, STORAGE_CONTAINER: "cento-state" },
      { kind: "blob", connectionString: CONNECTION, container: "cento-state" },
    ],
  ])("reads %o", (env, expected) => {
    expect(storageConfigFromEnv(env)).toEqual(expected);
  });

  it.each([
    [{ STORAGE: "redis" }, 'STORAGE must be one of memory, blob, not "redis".'],
    [{ STORAGE: "blob" }, 'STORAGE is "blob" but STORAGE_CONNECTION_STRING is empty'],
    [{ STORAGE: "blob", STORAGE_CONNECTION_STRING: "  " }, "set it to the Azure Storage account's connection string"],
    [{ STORAGE: "blob", STORAGE_CONNECTION_STRING: CONNECTION, STORAGE_CONTAINER: "Bot_State" }, 'STORAGE_CONTAINER "Bot_State" is not a valid container name'],
    [{ STORAGE: "blob", STORAGE_CONNECTION_STRING: CONNECTION, STORAGE_CONTAINER: "a--b" }, 'STORAGE_CONTAINER "a--b" is not a valid container name'],
  ])("stops start-up for %o, saying which setting and how to fix it", (env, message) => {
    expect(() => storageConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => storageConfigFromEnv(env)).toThrow(message);
  });
});

describe("createStorage", () => {
  it("builds the bounded memory store by default, with the options it is given", async () => {
    const storage = createStorage(storageConfigFromEnv({}), { maxEntries: 1 });
    expect(storage).toBeInstanceOf(BoundedMemoryStorage);
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    expect(Object.keys(await storage.read(["a", "b"]))).toEqual(["b"]);
  });

  it("builds Azure Blob storage for STORAGE=blob", () => {
    const config = storageConfigFromEnv({ STORAGE: "blob", STORAGE_CONNECTION_STRING: CONNECTION });
    expect(createStorage(config)).toBeInstanceOf(BlobsStorage);
  });
});
