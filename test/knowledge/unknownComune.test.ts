import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { listComuni } from "../../src/knowledge/loadKnowledge.js";
import { COMUNI, KNOWLEDGE_DIR } from "../support/realKnowledge.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/** Runs a staff tool as staff do, and returns what it printed and its exit code. */
async function tool(script: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run("npx", ["tsx", script, ...args], { cwd: ROOT, env: { ...process.env, COMUNE: "" } });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe("a comune that has no folder", () => {
  const known = COMUNI.join(", ");

  it("stops knowledge:check with an Italian message listing the comuni there", async () => {
    const { code, stderr } = await tool("scripts/knowledgeCheck.ts", "--comune", "bologna");
    expect(code).toBe(1);
    expect(stderr).toContain(`Il comune «bologna» non ha una cartella con profile.yaml in knowledge. Comuni presenti: ${known}.`);
  });

  it("stops npm run ask with an Italian message listing the comuni there", async () => {
    const { code, stderr } = await tool("src/ask.ts", "--comune", "bologna", "ciao");
    expect(code).toBe(1);
    expect(stderr).toContain(`Il comune «bologna» non ha una cartella con profile.yaml in ${KNOWLEDGE_DIR}. Comuni presenti: ${known}. Usa --comune`);
  });

  it("stops the configuration with an Italian message listing the comuni there", () => {
    const load = () => loadConfig({ COMUNE: "Bologna", KNOWLEDGE_DIR }, listComuni);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`COMUNE «bologna»: non c'è una cartella con profile.yaml in ${KNOWLEDGE_DIR}. Comuni presenti: ${known}. Imposta COMUNE su uno di questi.`);
  });

  it("says when there is no comune at all", () => {
    expect(() => loadConfig({ COMUNE: "cento", KNOWLEDGE_DIR }, () => [])).toThrow("Comuni presenti: nessuno.");
  });
});
