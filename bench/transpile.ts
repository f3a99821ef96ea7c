import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";

/** Where the benchmark puts the JavaScript it runs: beside `npm run build`'s output, never over it. */
export const BENCH_BUILD_DIR = "dist/bench-build";

/**
 * Turns every TypeScript file under `roots` into JavaScript under `outDir`, keeping paths
 * ("src/app.ts" -> "<outDir>/src/app.js"). TypeScript's own emit, file by file and without type
 * checking, so it takes a second where `tsc` takes several: production runs compiled JavaScript with
 * plain node, and so does the benchmark. JSON files the code imports are copied, as tsc copies them.
 * `outDir` is emptied first, so that nothing from an older tree lingers. Returns how many files were written.
 */
export function transpileSources(roots: readonly string[], outDir: string = BENCH_BUILD_DIR): number {
  rmSync(outDir, { recursive: true, force: true });
  const files = roots.flatMap((root) => sourceFiles(root));
  for (const file of files.filter((f) => f.endsWith(".json"))) {
    const target = join(outDir, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  for (const file of files.filter((f) => f.endsWith(".ts"))) {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      fileName: file,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, esModuleInterop: true },
    });
    const target = join(outDir, file.replace(/\.ts$/, ".js"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return files.length;
}

/** The JavaScript path of a project file in the benchmark's build ("bench/botServer.ts" -> "dist/bench-build/bench/botServer.js"). */
export function built(file: string, outDir: string = BENCH_BUILD_DIR): string {
  return join(outDir, file.replace(/\.ts$/, ".js"));
}

/** TypeScript sources (not declarations) and JSON files under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return (path.endsWith(".ts") && !path.endsWith(".d.ts")) || path.endsWith(".json") ? [path] : [];
  });
}
