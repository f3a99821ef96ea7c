import { BlobStateStore } from "./blobStateStore.js";
import { MemoryStateStore, type MemoryStateStoreOptions } from "./memoryStateStore.js";
import type { StateStore } from "./stateStore.js";
import type { StorageConfig } from "./storageConfig.js";

export { storageConfigFromEnv, type StorageConfig } from "./storageConfig.js";

/**
 * The conversation state store the configuration asks for: bounded memory for a single instance, Azure
 * Blob Storage when several instances must share conversations. `memoryOptions` tune the in-memory store.
 * The Azure SDK (about 25 MB resident) is loaded only when blob storage is chosen: `BlobStateStore`
 * requires it when it is built, not when its module is imported.
 */
export function createStateStore(config: StorageConfig, memoryOptions: MemoryStateStoreOptions = {}): StateStore {
  switch (config.kind) {
    case "memory":
      return new MemoryStateStore(memoryOptions);
    case "blob":
      return new BlobStateStore({ connectionString: config.connectionString, container: config.container });
  }
}
