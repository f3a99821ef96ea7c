import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyKnowledge } from "../support/knowledgeCopy.js";

const ROOT = resolve(import.meta.dirname, "../..");

interface Item {
  readonly text: string;
  readonly comune: string;
  readonly locale: string;
  readonly topic: string;
}

/** The labelled Mezzago messages shipped with the project. */
const MEZZAGO_ITEMS: Item[] = ["eval/blind-set-1.jsonl", "eval/blind-set-2.jsonl"]
  .flatMap((file) => readFileSync(join(ROOT, file), "utf8").split("\n"))
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Item)
  .filter((item) => item.comune === "mezzago");

/** Runs a command of the project as staff would, feeding it stdin; resolves with its exit code and output. */
function runCommand(args: string[], env: Record<string, string>, input = ""): Promise<{ code: number; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn("npx", ["tsx", ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout }));
    child.stdin.end(input);
  });
}

describe("a comune copied from Mezzago under a new id", () => {
  const copy = copyKnowledge();
  cpSync(join(copy.dir, "mezzago"), join(copy.dir, "prova"), { recursive: true });
  copy.write("prova/profile.yaml", copy.read("prova/profile.yaml").replace(/^id: mezzago$/m, "id: prova"));
  afterAll(() => rmSync(copy.dir, { recursive: true, force: true }));

  it("passes npm run knowledge:check", async () => {
    const { code, stdout } = await runCommand(["scripts/knowledgeCheck.ts", "--dir", copy.dir, "--comune", "prova"], {});
    expect(stdout).toContain("prova: 0 errori");
    expect(code).toBe(0);
  }, 120_000);

  it("routes at least 90% of the Mezzago messages right when they are asked of it", async () => {
    expect(MEZZAGO_ITEMS.length).toBeGreaterThan(50);
    const input = MEZZAGO_ITEMS.map((item) => JSON.stringify({ text: item.text, comune: "prova", locale: item.locale })).join("\n") + "\n";
    const { code, stdout } = await runCommand(["src/ask.ts", "--jsonl"], { KNOWLEDGE_DIR: copy.dir }, input);
    expect(code).toBe(0);
    const outputs = stdout.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as { topic: string; reply: string });
    expect(outputs).toHaveLength(MEZZAGO_ITEMS.length);
    const right = outputs.filter((out, i) => out.topic === MEZZAGO_ITEMS[i]!.topic).length;
    expect(right / MEZZAGO_ITEMS.length).toBeGreaterThanOrEqual(0.9);
    // The copy answers with its own profile: Cento's contacts never appear.
    expect(outputs.filter((out) => /urp@comune\.cento|800 375 515/.test(out.reply))).toEqual([]);
  }, 300_000);
});
