import { createServer } from "node:net";

/** A port of 127.0.0.1 nobody listens on right now, for a server a test starts in another process. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done, fail) => {
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", done);
  });
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (typeof address !== "object" || address === null) throw new Error("no free port");
  return address.port;
}
