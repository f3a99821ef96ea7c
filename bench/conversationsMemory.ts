import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { trackChild } from "./childProcesses.js";
import { built } from "./transpile.js";

/** What bench/conversationsRss.ts prints when its conversations are done. */
export interface ConversationsMemory {
  readonly conversations: number;
  /** class of the state storage the bot used */
  readonly storage: string;
  readonly withoutReply: number;
  readonly seconds: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly rssAfterGcMb: number;
  readonly heapUsedAfterGcMb: number;
}

/**
 * Runs bench/conversationsRss.ts, from the benchmark's build, in a child process with `nodeOptions` (as the Docker image sets
 * NODE_OPTIONS) and resolves with the memory it reports.
 */
export function measureConversationsMemory(conversations: number, nodeOptions: string): Promise<ConversationsMemory> {
  const child = trackChild(
    spawn(process.execPath, ["--expose-gc", built("bench/conversationsRss.ts"), String(conversations)], {
      env: { ...process.env, NODE_OPTIONS: nodeOptions, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  return new Promise((resolve, reject) => {
    let result: ConversationsMemory | undefined;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        result = JSON.parse(line) as ConversationsMemory;
      } catch {
        // not the result line
      }
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`bench/conversationsRss.ts exited with code ${code} without a result`));
    });
  });
}
