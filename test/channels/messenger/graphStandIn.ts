import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface GraphRequest {
  readonly method?: string;
  readonly path: string;
  readonly token: string | null;
  readonly body: unknown;
}

/**
 * A local HTTP server standing in for the Graph API: it records every request (path, the
 * access_token query parameter, the JSON body) and answers each with `status` and `answer`.
 */
export async function graphStandIn(status: number, answer: unknown) {
  const received: GraphRequest[] = [];
  const server = createServer((request, response) => {
    void bodyOf(request).then((text) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      received.push({ method: request.method, path: url.pathname, token: url.searchParams.get("access_token"), body: JSON.parse(text) });
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v24.0`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => done(text));
    request.on("error", fail);
  });
}

/** Stand-ins for the tests of one file, each closed after its test: call at the top of a describe. */
export function graphStandIns(): (status: number, answer: unknown) => ReturnType<typeof graphStandIn> {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  return async (status, answer) => {
    const graph = await graphStandIn(status, answer);
    close = graph.close;
    return graph;
  };
}
