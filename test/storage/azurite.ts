import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const AZURITE_BLOB = resolve(import.meta.dirname, "../../node_modules/azurite/dist/src/blob/main.js");
// Azurite's well-known development account: public, documented, and accepted only by the emulator.
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const HOST = "127.0.0.1";

/** A real Azurite blob service running in a child process, for this test file only. */
export interface Azurite {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** Starts Azurite's blob service on a free port, in memory, and resolves once it accepts connections. */
export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  // Even in memory Azurite may write small files (debug log, telemetry settings) to its working folder;
  // --location cannot be combined with --inMemoryPersistence, so run it in a scratch folder instead.
  const scratch = mkdtempSync(join(tmpdir(), "azurite-"));
  const child = spawn(
    process.execPath,
    [
      AZURITE_BLOB,
      "--inMemoryPersistence",
      "--silent",
      "--skipApiVersionCheck",
      "--loose",
      "--disableTelemetry",
      "--blobHost", HOST,
      "--blobPort", String(port),
    ],
    { cwd: scratch, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    await Promise.race([
      waitForPort(port),
      exited.then(() => Promise.reject(new Error(`Azurite exited before listening:\n${output}`))),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=http://${HOST}:${port}/${DEV_ACCOUNT};`,
    stop,
  };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

async function waitForPort(port: number, attempts = 300): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await accepts(port)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`Azurite did not accept connections on port ${port}.`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, HOST);
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}
