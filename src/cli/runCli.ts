import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "../configError.js";

/**
 * A command line the script cannot act on (a missing or malformed option, an argument out of range):
 * its message says what to type instead, and is all that is printed.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Exit codes of every script, whatever it does:
 * - 0: done;
 * - 1: done, and the answer is no (the check found errors, the bars were missed, the comune does not
 *   exist, the Graph API refused): the script has printed why and returned 1; or an unexpected error,
 *   printed as Node prints one (message, stack, fields, cause) for whoever has to fix the code;
 * - 2: a {@link UsageError}, a {@link ConfigError} or an option `parseArgs` refuses: only its message is
 *   printed, since it is written for the person who typed the command and a stack would bury it.
 */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/**
 * Runs a script's `main` when the file is executed (not imported by a test or another script) and
 * exits with the code it returns, or as {@link EXIT} says for an error it throws.
 */
export function runIfMain(moduleUrl: string, main: () => number | Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  void runCli(main);
}

/** Runs `main` and exits: see {@link EXIT}. */
export async function runCli(main: () => number | Promise<number>): Promise<void> {
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as other command-line tools do.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(EXIT.ok);
  });
  let code: number;
  try {
    code = await main();
  } catch (error) {
    code = reportError(error);
  }
  await flushed(process.stdout);
  await flushed(process.stderr);
  // Exit even if a library left a timer or a socket open: the script's work is done.
  process.exit(code);
}

function reportError(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError || isParseArgsError(error)) {
    console.error(error.message);
    return EXIT.usage;
  }
  // As Node prints an uncaught error: message, stack, own fields and cause.
  console.error(error);
  return EXIT.failed;
}

/** node:util's parseArgs refusing an unknown option or a missing value: a usage error too. */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && (error as NodeJS.ErrnoException).code!.startsWith("ERR_PARSE_ARGS_");
}

/** Resolves once what was written before has been handed to the system: writes to a pipe may be asynchronous. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((done) => stream.write("", () => done()));
}
