import { execFile } from "node:child_process";
import { cpSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { copyKnowledge } from "../support/knowledgeCopy.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

describe("a third comune's folder", () => {
  it("gets the safety and redirect tests of every comune, selected by its id", async () => {
    const copy = copyKnowledge();
    cpSync(join(copy.dir, "mezzago"), join(copy.dir, "nuovocomune"), { recursive: true });
    // A new comune with its own facts: what the redirect tests forbid is the other comuni's.
    copy.write(
      "nuovocomune/profile.yaml",
      copy
        .read("nuovocomune/profile.yaml")
        .replaceAll("Mezzago", "Nuovocomune")
        .replaceAll("mezzago", "nuovocomune")
        .replace("F.lli Brasca, 5 - 20883", "Roma, 1 - 20800")
        .replace('phone: "039 606761"', 'phone: "039 111111"')
        .replace('fax: "039 6020383"', 'fax: "039 222222"'),
    );
    const { stdout } = await run(
      "npx",
      ["vitest", "run", "test/routing/safetyLayers.test.ts", "test/redirects.test.ts", "-t", "nuovocomune", "--reporter=verbose", "--no-color"],
      { cwd: ROOT, env: { ...process.env, TEST_KNOWLEDGE_DIR: copy.dir }, maxBuffer: 16 * 1024 * 1024 },
    );
    const passed = stdout.split("\n").filter((line) => line.includes("✓"));
    expect(passed.filter((line) => line.includes("safety in layers, nuovocomune")).length).toBeGreaterThanOrEqual(4);
    expect(passed.filter((line) => line.includes("redirects for nuovocomune")).length).toBeGreaterThanOrEqual(14);
    // -t selected the new comune alone.
    expect(stdout).not.toMatch(/✓.*(safety in layers|redirects for) (cento|mezzago)/);
  }, 180_000);
});
