import type { Storage, StoreItems } from "botbuilder";

/**
 * One comune's view of a state store shared with other comuni: every key it reads, writes or deletes
 * starts with its prefix (`cento/`), so that two comuni's conversations with the same channel and id
 * never share a record, in memory as in Azure Blob Storage.
 */
export class PrefixedStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly prefix: string,
  ) {
    if (prefix === "") throw new Error("PrefixedStorage needs a non-empty prefix");
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.inner.read(keys.map((key) => this.prefix + key));
    const items: StoreItems = {};
    for (const [key, value] of Object.entries(found)) {
      if (key.startsWith(this.prefix)) items[key.slice(this.prefix.length)] = value;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const prefixed: StoreItems = {};
    for (const [key, value] of Object.entries(changes)) prefixed[this.prefix + key] = value;
    await this.inner.write(prefixed);
  }

  async delete(keys: string[]): Promise<void> {
    await this.inner.delete(keys.map((key) => this.prefix + key));
  }
}

/** A comune's state store: the shared one as it is with a single comune, prefixed with several. */
export function storageForComune(shared: Storage, prefix: string): Storage {
  return prefix === "" ? shared : new PrefixedStorage(shared, prefix);
}
