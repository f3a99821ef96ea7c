import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../packageRoot.js";
import type { SerializedClassifier } from "./topicClassifier.js";

/** How many trained models the folder keeps; older ones are deleted. */
const KEEP = 8;
const MAGIC = 0x52544d32; // "RTM2"

/**
 * Trained routing models on disk, by a hash of what they were trained on: a restart, a second
 * instance or a reload with unchanged examples loads the weights (a few milliseconds) instead of
 * training again. Best effort: a folder that cannot be read or written only costs the training.
 * ROUTING_CACHE_DIR moves it (default data/routing-cache in the project folder).
 */
export class ModelCache {
  constructor(readonly dir: string = process.env.ROUTING_CACHE_DIR?.trim() || join(packageRoot(import.meta.dirname), "data", "routing-cache")) {}

  read(key: string): SerializedClassifier | undefined {
    try {
      const buffer = readFileSync(this.path(key));
      const header = new Uint32Array(buffer.buffer, buffer.byteOffset, 4);
      const [magic, classes, features] = [header[0]!, header[1]!, header[2]!];
      if (magic !== MAGIC) return undefined;
      let offset = buffer.byteOffset + 16;
      const take = (length: number) => {
        const slice = buffer.buffer.slice(offset, offset + length * 4);
        offset += length * 4;
        return slice;
      };
      const hashes = new Uint32Array(take(features));
      const idf = new Float32Array(take(features));
      const bias = new Float32Array(take(classes));
      const weights = new Float32Array(take(features * classes));
      if (weights.length !== features * classes) return undefined;
      return { classes, hashes, idf, bias, weights };
    } catch {
      return undefined;
    }
  }

  write(key: string, model: SerializedClassifier): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const header = new Uint32Array([MAGIC, model.classes, model.hashes.length, 0]);
      const parts = [header, model.hashes, model.idf, model.bias, model.weights].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      const temporary = `${this.path(key)}.${process.pid}.tmp`;
      writeFileSync(temporary, Buffer.concat(parts));
      renameSync(temporary, this.path(key));
      this.prune();
    } catch {
      // A read-only disk only means training again next time.
    }
  }

  private path(key: string): string {
    return join(this.dir, `topic-model-${key.slice(0, 32)}.bin`);
  }

  private prune(): void {
    const files = readdirSync(this.dir)
      .filter((f) => f.startsWith("topic-model-") && f.endsWith(".bin"))
      .map((f) => ({ f, at: statSync(join(this.dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of files.slice(KEEP)) unlinkSync(join(this.dir, f));
  }
}
