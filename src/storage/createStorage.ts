import { createRequire } from "node:module";
import type { Storage } from "botbuilder";
import { BoundedMemoryStorage, type BoundedMemoryStorageOptions } from "./boundedMemoryStorage.js";
import type { StorageConfig } from "./storageConfig.js";

export { storageConfigFromEnv, type StorageConfig } from "./storageConfig.js";

const require = createRequire(import.meta.url);

/**
 * The state storage the configuration asks for: bounded memory for a single instance, Azure Blob
 * Storage when several instances must share conversations. `memoryOptions` tune the in-memory store.
 * The Azure SDK (about 25 MB resident) is loaded only when blob storage is chosen.
 */
export function createStorage(config: StorageConfig, memoryOptions: BoundedMemoryStorageOptions = {}): Storage {
  switch (config.kind) {
    case "memory":
      return new BoundedMemoryStorage(memoryOptions);
    case "blob": {
      const { BlobsStorage } = require("botbuilder-azure-blobs") as typeof import("botbuilder-azure-blobs");
      return new BlobsStorage(config.connectionString, config.container);
    }
  }
}
