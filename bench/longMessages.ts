/**
 * Long messages through the server as it runs: 200,000-character messages of several shapes (just
 * under the 256 KB body limit) posted to POST /api/messages of the benchmark's build of the server,
 * each timed to its reply; and, while a hostile mix of such messages is sent, how late the server
 * answers a probe every 20 ms (GET /healthz), which is how late its event loop runs, seen from outside.
 * Part of `npm run bench`; alone: `npx tsx bench/longMessages.ts` (after the bench build exists).
 */
import { pathToFileURL } from "node:url";
import { benchActivity } from "./benchActivity.js";
import { median, percentile } from "./percentiles.js";
import { startServerProcess } from "./serverProcess.js";
import { transpileSources } from "./transpile.js";

const LONG = 200_000;
const fill = (unit: string) => unit.repeat(Math.ceil(LONG / unit.length)).slice(0, LONG);

/**
 * The shapes: what made the old code backtrack, what the emergency layer reads, the first word of
 * dozens of safety signals repeated (each one tried at every word, it took 0.3–0.6 s to route), and
 * ordinary text.
 */
export const LONG_SHAPES: ReadonlyArray<readonly [string, string]> = [
  ["letters", fill("a")],
  ["1 1 1 …", fill("1 ")],
  ["e-mails", fill("mario.rossi@gmail.com ")],
  ["names with numbers", fill("Mario Rossi 3331234567 ")],
  ["a danger word repeated", fill("incendio ")],
  ["a person in danger repeated", fill("la nonna è caduta e non si alza ")],
  ["a signal's first word repeated", fill("mi ")],
  ["ordinary words, a fire at the end", `${fill("vorrei sapere gli orari della pagina ").slice(0, LONG - 40)} c'è un incendio in cucina`],
];
const RUNS = 3;
const PROBE_EVERY_MS = 20;
const MIX = { hostile: 20, ordinaryBetween: 4 } as const;

export interface LongMessageCost {
  readonly shape: string;
  readonly medianMs: number;
  readonly status: number;
}

export interface LongMessagesResult {
  readonly shapes: readonly LongMessageCost[];
  readonly probe: { readonly count: number; readonly p50: number; readonly p99: number; readonly max: number };
}

async function post(url: string, text: string, conversation: string, sequence: number): Promise<{ ms: number; status: number }> {
  const body = JSON.stringify(benchActivity({ text, locale: "it-IT" }, conversation, sequence));
  const started = performance.now();
  const response = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

export async function measureLongMessages(): Promise<LongMessagesResult> {
  const server = await startServerProcess("bench/botServer.ts", { env: { LOG_LEVEL: "silent" } });
  try {
    const shapes: LongMessageCost[] = [];
    let sequence = 0;
    for (const [shape, text] of LONG_SHAPES) {
      const times: number[] = [];
      let status = 0;
      // A new conversation each time: the per-conversation rate limit must not shape the figure.
      for (let run = 0; run < RUNS; run++) ({ ms: times[run]!, status } = await post(server.url, text, `long-${shape}-${run}`, ++sequence));
      shapes.push({ shape, medianMs: median(times.sort((a, b) => a - b)), status });
    }

    const delays: number[] = [];
    let sending = true;
    const probing = (async () => {
      while (sending) {
        const started = performance.now();
        await (await fetch(`${server.url}/healthz`)).arrayBuffer();
        delays.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
      }
    })();
    for (let i = 0; i < MIX.hostile; i++) {
      await post(server.url, LONG_SHAPES[i % LONG_SHAPES.length]![1], `mix-hostile-${i}`, ++sequence);
      for (let j = 0; j < MIX.ordinaryBetween; j++) await post(server.url, "a che ora rispondete sulla pagina?", `mix-${i}-${j}`, ++sequence);
    }
    sending = false;
    await probing;
    delays.sort((a, b) => a - b);
    return { shapes, probe: { count: delays.length, p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) ?? 0 } };
  } finally {
    await server.stop();
  }
}

export function formatLongMessages(result: LongMessagesResult): string {
  const lines = [
    "",
    "## Long messages through the server",
    "",
    `Each shape is ${LONG.toLocaleString("en-US")} characters, posted ${RUNS} times (a new conversation each time) to POST /api/messages ` +
      "of the benchmark's build of the server with `deliveryMode: \"expectReplies\"`; the median time to the reply. Target: ≤ 300 ms.",
    "",
    "| shape | median ms | status |",
    "|---|---:|---:|",
    ...result.shapes.map((s) => `| ${s.shape} | ${Math.round(s.medianMs)} | ${s.status} |`),
    "",
    `While ${MIX.hostile} such messages are sent, each followed by ${MIX.ordinaryBetween} ordinary ones, GET /healthz every ${PROBE_EVERY_MS} ms ` +
      `answers in p50 ${Math.round(result.probe.p50)} ms, p99 ${Math.round(result.probe.p99)} ms, max ${Math.round(result.probe.max)} ms ` +
      `(${result.probe.count} probes): the event loop's delay seen from outside, plus one local round trip. Target: p99 ≤ 50 ms.`,
    "",
  ];
  return lines.join("\n");
}

export async function longMessagesSection(): Promise<string> {
  return formatLongMessages(await measureLongMessages());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  transpileSources(["src", "dialogs", "bench"]);
  process.stdout.write(await longMessagesSection());
}
