import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { KNOWLEDGE_DIR } from "./realKnowledge.js";

/** A private copy of the shipped knowledge folder that a test may break. */
export function copyKnowledge(): { dir: string; write(file: string, text: string | Buffer): void; read(file: string): string } {
  const dir = mkdtempSync(join(tmpdir(), "knowledge-"));
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  return {
    dir,
    write: (file, text) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    },
    read: (file) => readFileSync(join(dir, file), "utf8"),
  };
}
