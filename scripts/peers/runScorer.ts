import { spawn } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT, SHARED_EVAL } from "../sharedEval.js";

export { PROJECT_ROOT };
export const SCORER = join(SHARED_EVAL, "score.mjs");
/** The scorer's own default: the bot, through the same CloudAdapter as the server. */
export const BOT_ASK_CMD = "npm run --silent ask -- --jsonl";

/** The scorer's `--json` summary. */
export interface ScoreSummary {
  readonly set: string;
  readonly items: number;
  readonly seconds: number;
  readonly topic_accuracy: number;
  readonly safety_recall: number;
  readonly facts: number;
  readonly leaks: number;
  readonly language: number;
  readonly by_topic: Readonly<Record<string, string>>;
}

/** One answer of an ask command (`{"topic","reply",...}`). */
export interface AskOutput {
  readonly topic: string;
  readonly entry?: string | null;
  readonly reply: string;
}

interface Finished {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs a command to its end, feeding `input` on stdin; never rejects for a non-zero exit. */
export function runProcess(command: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  const started = process.hrtime.bigint();
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", fail);
    child.on("close", (status) =>
      done({
        status,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      }),
    );
    child.stdin.end(options.input ?? "");
  });
}

/** Feeds every item's {text, comune, locale} to an ask command, as the scorer does, and reads its answers. */
export async function runAskCommand(
  askCmd: string,
  items: ReadonlyArray<{ text: string; comune?: unknown; locale?: unknown }>,
): Promise<{ outputs: AskOutput[]; stdout: string; seconds: number }> {
  const input = items.map((it) => JSON.stringify({ text: it.text, comune: it.comune, locale: it.locale })).join("\n") + "\n";
  const run = await runProcess("sh", ["-c", askCmd], { input });
  if (run.status !== 0) throw new Error(`ask command failed (exit ${run.status}): ${askCmd}\n${run.stderr.slice(-2000)}`);
  const outputs = run.stdout
    .split("\n")
    .filter((line) => line.trim().startsWith("{"))
    .map((line) => JSON.parse(line) as AskOutput);
  if (outputs.length !== items.length) throw new Error(`expected ${items.length} answers from "${askCmd}", got ${outputs.length}`);
  return { outputs, stdout: run.stdout, seconds: run.seconds };
}

/** Runs ../shared/eval/score.mjs on a set with the given ask command and extra arguments; returns its stdout. */
export async function runScorer(setPath: string, askCmd: string, args: readonly string[] = []): Promise<string> {
  const run = await runProcess(process.execPath, [SCORER, setPath, ...args], { env: { ...process.env, ASK_CMD: askCmd } });
  if (run.status !== 0) throw new Error(`scorer failed on ${setPath} (exit ${run.status}):\n${(run.stderr || run.stdout).slice(-2000)}`);
  return run.stdout;
}

/** The scorer's summary of a set answered by an ask command. */
export async function scoreSummary(setPath: string, askCmd: string): Promise<ScoreSummary> {
  const stdout = await runScorer(setPath, askCmd, ["--json"]);
  const line = stdout.split("\n").find((l) => l.trim().startsWith("{"));
  if (!line) throw new Error(`the scorer printed no summary for ${setPath}:\n${stdout.slice(-2000)}`);
  return JSON.parse(line) as ScoreSummary;
}

/** A shell word for `sh -c`: single-quoted, so paths with spaces survive. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
