import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The shared evaluation folder (dev set, scorer, TOPICS.md): SHARED_EVAL_DIR when set, otherwise
 * shared/eval in the nearest folder above the project that has one — ../shared/eval from the main
 * checkout, ../../shared/eval from a worktree under wt/.
 */
export function findSharedEval(from: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHARED_EVAL_DIR) return resolve(env.SHARED_EVAL_DIR);
  for (let dir = dirname(resolve(from)); ; dir = dirname(dir)) {
    const candidate = join(dir, "shared", "eval");
    if (existsSync(join(candidate, "score.mjs"))) return candidate;
    if (dirname(dir) === dir) break;
  }
  // Not found: the path the README documents, so that the error names it.
  return resolve(from, "../shared/eval");
}

/** The project's root, where the scorer and the ask command must run. */
export const PROJECT_ROOT = resolve(import.meta.dirname, "..");
export const SHARED_EVAL = findSharedEval(PROJECT_ROOT);
