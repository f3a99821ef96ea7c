import type { ChildProcess } from "node:child_process";

const cleanups = new Set<() => void>();
let listening = false;

/**
 * Runs `cleanup` if this process exits before the returned function is called, so that a benchmark
 * that fails or is interrupted half-way leaves none of its own children behind.
 */
export function killOnExit(cleanup: () => void): () => void {
  if (!listening) {
    listening = true;
    process.once("exit", () => cleanups.forEach((c) => c()));
    // Without a handler these signals end Node without an "exit" event.
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Kills `child` (by its own handle) if this process exits while it still runs. */
export function trackChild(child: ChildProcess): ChildProcess {
  const forget = killOnExit(() => child.kill("SIGKILL"));
  child.once("exit", forget);
  return child;
}
