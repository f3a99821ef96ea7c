import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { trackChild } from "./childProcesses.js";
import { built } from "./transpile.js";

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Sends SIGTERM and waits for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export interface ServerProcessOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/**
 * Starts a benchmark server script, from the benchmark's build (see transpile.ts), in its own process
 * and resolves once it prints {"port": n} on stdout. Rejects if the process exits or stays silent for `timeoutMs`.
 */
export function startServerProcess(file: string, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const child = trackChild(
    spawn(process.execPath, [built(file)], {
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${file} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    const failEarly = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with code ${code} before listening`));
    };
    child.once("exit", failEarly);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const port = portOf(line);
      if (port === undefined) return;
      clearTimeout(timer);
      child.off("exit", failEarly);
      resolve({
        url: `http://127.0.0.1:${port}`,
        child,
        stop: (graceMs) => stopProcess(child, graceMs),
      });
    });
  });
}

/** Ends a child process this benchmark started, by its own handle only. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function portOf(line: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    const port = (parsed as { port?: unknown } | null)?.port;
    return typeof port === "number" ? port : undefined;
  } catch {
    return undefined;
  }
}
