import type { Storage } from "botbuilder";
import { BlobsStorage } from "botbuilder-azure-blobs";
import { BoundedMemoryStorage, type BoundedMemoryStorageOptions } from "./boundedMemoryStorage.js";
import type { StorageConfig } from "./storageConfig.js";

export { storageConfigFromEnv, type StorageConfig } from "./storageConfig.js";

/**
 * The state storage the configuration asks for: bounded memory for a single instance, Azure Blob
 * Storage when several instances must share conversations. `memoryOptions` tune the in-memory store.
 */
export function createStorage(config: StorageConfig, memoryOptions: BoundedMemoryStorageOptions = {}): Storage {
  switch (config.kind) {
    case "memory":
      return new BoundedMemoryStorage(memoryOptions);
    case "blob":
      return new BlobsStorage(config.connectionString, config.container);
  }
}
