import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
/** Packages only a host may import: the SDKs, their protocol packages and the HTTP server. */
const HOST_ONLY = /^(botbuilder|botframework-|restify|@microsoft\/agents-)/;
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\s*\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function hostOnlyImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? "").filter((spec) => HOST_ONLY.test(spec));
}

describe("the layers", () => {
  it("no file in src/ or dialogs/ outside src/hosts/ imports an SDK or restify", () => {
    const files = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "dialogs"))].filter((f) => !relative(ROOT, f).startsWith(join("src", "hosts")));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) => hostOnlyImports(f).map((spec) => `${relative(ROOT, f)}: ${spec}`));
    expect(offenders).toEqual([]);
  });

  it("each SDK is imported only by its own host", () => {
    const hosts = sourceFiles(join(ROOT, "src", "hosts"));
    const misplaced = hosts.flatMap((f) => {
      const where = relative(join(ROOT, "src", "hosts"), f).split(/[\\/]/)[0];
      return hostOnlyImports(f)
        .filter((spec) => (spec.startsWith("@microsoft/agents-") && where !== "agents") || (/^(botbuilder|botframework-)/.test(spec) && where !== "botbuilder") || (spec === "restify" && where !== "http"))
        .map((spec) => `${relative(ROOT, f)}: ${spec}`);
    });
    expect(misplaced).toEqual([]);
  });

  it("the checker sees an SDK import where there is one", () => {
    expect(hostOnlyImports(join(ROOT, "src", "hosts", "botbuilder", "botbuilderHost.ts"))).toContain("botbuilder");
  });
});
