import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The project's folder (the one with package.json), found from a module's own folder, so that paths
 * hold whether the code runs from src/ with tsx or compiled into dist/.
 */
export function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}
