import type { StateStore, StoredState } from "./stateStore.js";

/**
 * One comune's view of a state store shared with other comuni: every key it reads, writes or deletes
 * starts with its prefix (`cento/`), so that two comuni's conversations with the same channel and id
 * never share a record, in memory as in Azure Blob Storage.
 */
export class PrefixedStateStore implements StateStore {
  constructor(
    private readonly inner: StateStore,
    readonly prefix: string,
  ) {
    if (prefix === "") throw new Error("PrefixedStateStore needs a non-empty prefix");
  }

  read(key: string): Promise<StoredState | undefined> {
    return this.inner.read(this.prefix + key);
  }

  write(key: string, state: object, eTag?: string): Promise<string> {
    return this.inner.write(this.prefix + key, state, eTag);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(this.prefix + key);
  }
}

/** A comune's state store: the shared one as it is with a single comune, prefixed with several. */
export function stateStoreForComune(shared: StateStore, prefix: string): StateStore {
  return prefix === "" ? shared : new PrefixedStateStore(shared, prefix);
}
