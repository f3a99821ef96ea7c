import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Runs a script's `main` when the file is executed (not imported by a test), exiting with its code;
 * an error prints its message only and exits 2, as the scripts document.
 */
export function runIfMain(moduleUrl: string, main: () => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
