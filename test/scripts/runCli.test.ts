import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { COMUNI } from "../support/realKnowledge.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/** Runs a script as `npm run` does (tsx), and returns its exit code and what it printed. */
async function script(file: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", file, ...args], { cwd: ROOT, env: { ...process.env, COMUNE: "" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the scripts' one command-line runner (src/cli/runCli.ts)", () => {
  it("is what every script runs through, and none exits on its own", () => {
    // The modules other scripts import; every other file of scripts/ is a command.
    const modules = ["sharedEval.ts", "replyOpening.ts"];
    const commands = readdirSync(resolve(ROOT, "scripts"))
      .filter((name) => name.endsWith(".ts") && !modules.includes(name))
      .map((name) => `scripts/${name}`);
    expect(commands).toContain("scripts/knowledgeCheck.ts");
    for (const name of [...commands, "src/ask.ts"]) {
      const text = readFileSync(resolve(ROOT, name), "utf8");
      expect(text, name).toMatch(/runIfMain\(import\.meta\.url, /);
      expect(text, name).not.toMatch(/process\.exit(Code)?\b/);
    }
  });

  it("prints only the message of a usage error, and exits 2", async () => {
    const { code, stderr } = await script("scripts/perturbDevSet.ts", "--seed", "seven");
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('--seed must be an integer, got "seven"');
  });

  it("treats an option parseArgs refuses as a usage error", async () => {
    const { code, stderr } = await script("scripts/knowledgeCheck.ts", "--comnue", "cento");
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^Unknown option '--comnue'/);
  });

  it("prints an unexpected error with its stack and fields, and exits 1", async () => {
    const { code, stderr } = await script("scripts/perturbDevSet.ts", "--in", "/nonexistent/dev.jsonl");
    expect(code).toBe(1);
    expect(stderr).toContain("ENOENT: no such file or directory, open '/nonexistent/dev.jsonl'");
    expect(stderr).toMatch(/\n\s+at .*perturbDevSet\.ts/);
    expect(stderr).toContain("code: 'ENOENT'");
  });

  it("exits with the code main returns once all its output is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "run-cli-"));
    const items = Array.from({ length: 2_000 }, (_, i) => ({ id: `item-${i}`, text: `Buongiorno, a che ora rispondete sulla pagina? (${i})` }));
    writeFileSync(join(dir, "set.jsonl"), items.map((item) => JSON.stringify(item)).join("\n"));
    const { code, stdout } = await script("scripts/perturbDevSet.ts", "--in", join(dir, "set.jsonl"));
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { id: string });
    expect(lines.map((line) => line.id)).toEqual(items.map((item) => item.id));
  });
});

describe("a comune with no folder, in the scripts that take one", () => {
  const known = COMUNI.join(", ");

  it.each([
    ["scripts/explain-route.ts", ["--comune", "atlantide", "ciao"], "Scegline uno con --comune"],
    ["scripts/peerAsk.ts", ["--peer", "fuse", "--comune", "atlantide", "ciao"], "Usa --comune (o la variabile COMUNE)"],
  ])("%s stops with the Italian message the other tools print, and exits 1", async (file, args, hint) => {
    const { code, stderr } = await script(file, ...args);
    expect(code).toBe(1);
    expect(stderr).toContain(`Il comune «atlantide» non ha una cartella con profile.yaml in `);
    expect(stderr).toContain(`Comuni presenti: ${known}. ${hint}`);
  });
});
