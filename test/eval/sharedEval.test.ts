import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findSharedEval } from "../../scripts/sharedEval.js";

const root = mkdtempSync(join(tmpdir(), "shared-eval-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("findSharedEval", () => {
  mkdirSync(join(root, "shared", "eval"), { recursive: true });
  writeFileSync(join(root, "shared", "eval", "score.mjs"), "");
  mkdirSync(join(root, "main"));
  mkdirSync(join(root, "wt", "helper"), { recursive: true });

  it("finds ../shared/eval from the main checkout and ../../shared/eval from a worktree", () => {
    expect(findSharedEval(join(root, "main"), {})).toBe(join(root, "shared", "eval"));
    expect(findSharedEval(join(root, "wt", "helper"), {})).toBe(join(root, "shared", "eval"));
  });

  it("takes SHARED_EVAL_DIR over any folder it could find", () => {
    expect(findSharedEval(join(root, "main"), { SHARED_EVAL_DIR: "/elsewhere/eval" })).toBe("/elsewhere/eval");
  });

  it("names the documented place when there is none", () => {
    const alone = mkdtempSync(join(tmpdir(), "no-shared-"));
    try {
      expect(findSharedEval(alone, {})).toBe(resolve(alone, "../shared/eval"));
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
