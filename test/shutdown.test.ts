import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

describe("the server process", () => {
  it("stops accepting and exits cleanly within 10 s of SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), LOG_LEVEL: "info", INTERACTION_LOG_DIR: resolve(ROOT, "test-artifacts/interactions-shutdown"), NODE_ENV: "test" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 20_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline) {
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy, log).toBe(true);
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const signalledAt = Date.now();
    child.kill("SIGTERM");
    const code = await exited;
    expect(code, log).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(log).toMatch(/shutting down/);
  }, 40_000);
});
