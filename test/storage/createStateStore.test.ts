import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BlobStateStore } from "../../src/storage/blobStateStore.js";
import { createStateStore, storageConfigFromEnv } from "../../src/storage/createStateStore.js";
import { MemoryStateStore } from "../../src/storage/memoryStateStore.js";

const CONNECTION = "DefaultEndpointsProtocol=https;AccountName=example;AccountKey=a2V5;EndpointSuffix=core.windows.net";
const ROOT = resolve(import.meta.dirname, "../..");

/** Whether building the store for `env` loads the Azure SDK, in a fresh Node process as at start-up. */
async function loadsAzureSdk(env: Record<string, string>): Promise<boolean> {
  const script = [
    'import { createRequire } from "node:module";',
    'import { createStateStore, storageConfigFromEnv } from "./src/storage/createStateStore.ts";',
    `createStateStore(storageConfigFromEnv(${JSON.stringify(env)}));`,
    "const cache = createRequire(import.meta.url).cache;",
    'console.log(Object.keys(cache).some((path) => path.includes("@azure/storage-blob")));',
  ].join("\n");
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT });
  return stdout.trim() === "true";
}

describe("createStateStore", () => {
  it("builds the bounded memory store by default, with the options it is given", async () => {
    const store = createStateStore(storageConfigFromEnv({}), { maxEntries: 1 });
    expect(store).toBeInstanceOf(MemoryStateStore);
    await store.write("a", { n: 1 });
    await store.write("b", { n: 2 });
    expect(await store.read("a")).toBeUndefined();
    expect((await store.read("b"))?.state).toEqual({ n: 2 });
  });

  it("builds the Azure Blob store for STORAGE=blob", () => {
    const config = storageConfigFromEnv({ STORAGE: "blob", STORAGE_CONNECTION_STRING: CONNECTION });
    expect(createStateStore(config)).toBeInstanceOf(BlobStateStore);
  });

  it("loads the Azure SDK only when blob storage is chosen", async () => {
    expect(await loadsAzureSdk({})).toBe(false);
    expect(await loadsAzureSdk({ STORAGE: "blob", STORAGE_CONNECTION_STRING: CONNECTION })).toBe(true);
  });
});
