import type { ColdStart } from "./coldStart.js";
import type { HostComparison } from "./httpComparison.js";
import type { LoadResult } from "./httpLoad.js";
import type { RouterCost } from "./routerCost.js";
import type { ServerMemory } from "./serverMemory.js";

/** The targets, in one place so that the table and the checks agree. */
export const TARGETS = Object.freeze({
  throughputRatio: 0.75,
  p99Ratio: 1.5,
  routerP99UsAt1000: 1_000,
  coldStartMs: 1_500,
  rssMb: 250,
});

export interface Machine {
  readonly date: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly loadAverageAtStart: readonly number[];
}

export interface HttpSetup {
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly turnsPerConversation: number;
  readonly messages: number;
}

export interface BenchResults {
  readonly machine: Machine;
  readonly comune: string;
  readonly knowledgeVersion: string;
  /** the echo bot and the bot on each host (BOT_SDK), in the order measured */
  readonly http: { readonly setup: HttpSetup; readonly hosts: readonly HostComparison[] };
  readonly router: readonly RouterCost[];
  /** one per command and host */
  readonly coldStarts: readonly ColdStart[];
  /** one per host measured */
  readonly memory: readonly ServerMemory[];
  readonly wallSeconds: number;
}

const mark = (ok: boolean) => (ok ? "✅" : "❌");
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const fixed = (n: number, digits = 1) => n.toFixed(digits);

/** The whole of bench/results.md, from one run's figures. */
export function formatBenchReport(r: BenchResults): string {
  const { setup, hosts } = r.http;
  const at1000 = r.router.find((c) => c.entries === 1_000);
  const lines: string[] = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\` (bench/run.ts) on ${r.machine.date}; the whole run took ${fixed(r.wallSeconds, 0)} s.`,
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${fixed(r.machine.memoryGb, 0)} GB, Node ${r.machine.node}; ` +
      `load average when the run began ${r.machine.loadAverageAtStart.map((l) => fixed(l, 2)).join(" / ")} (1/5/15 min; ` +
      `anything near or above the number of cores means other work shared the machine and the figures are pessimistic).`,
    `Bot: comune ${r.comune}, knowledge version ${r.knowledgeVersion}. Each part ran alone, one after the other.`,
    "",
    "| figure | measured | target | |",
    "|---|---|---|---|",
  ];
  for (const { sdk, echo, bot } of hosts) {
    const throughputRatio = bot.turnsPerSecond / echo.turnsPerSecond;
    const p99Ratio = bot.p99Ms / echo.p99Ms;
    lines.push(
      `| HTTP throughput on ${sdk}, bot ÷ echo bot | ${int(bot.turnsPerSecond)} ÷ ${int(echo.turnsPerSecond)} turns/s = ${fixed(throughputRatio * 100, 0)} % | ≥ ${TARGETS.throughputRatio * 100} % | ${mark(throughputRatio >= TARGETS.throughputRatio)} |`,
      `| HTTP p99 latency on ${sdk}, bot ÷ echo bot | ${fixed(bot.p99Ms)} ÷ ${fixed(echo.p99Ms)} ms = ${fixed(p99Ratio, 2)}× | ≤ ${TARGETS.p99Ratio}× | ${mark(p99Ratio <= TARGETS.p99Ratio)} |`,
    );
  }
  if (at1000) {
    lines.push(
      `| Router p99 at 1,000 entries | ${int(at1000.perMessageUs.p99)} µs | ≤ ${int(TARGETS.routerP99UsAt1000)} µs | ${mark(at1000.perMessageUs.p99 <= TARGETS.routerP99UsAt1000)} |`,
    );
  }
  for (const start of r.coldStarts) {
    lines.push(
      `| Cold start to first answered request, \`${start.label}\`${onHost(start.sdk)} (median of ${start.runsMs.length}) | ${int(start.medianMs)} ms | ≤ ${int(TARGETS.coldStartMs)} ms | ${mark(start.medianMs <= TARGETS.coldStartMs)} |`,
    );
  }
  for (const memory of r.memory) {
    lines.push(
      `| RSS of \`node dist/src/index.js\`${onHost(memory.setup.sdk)} after ${int(memory.conversations)} distinct conversations over HTTP | ${int(memory.rssAfterMb)} MB | ≤ ${TARGETS.rssMb} MB | ${mark(memory.rssAfterMb <= TARGETS.rssMb)} |`,
    );
  }
  lines.push(
    "",
    "## HTTP: the bot against an echo bot on the same host",
    "",
    `autocannon, ${setup.connections} connections, ${setup.warmupSeconds} s of warm-up then ${setup.durationSeconds} s measured for each server, one after the other, ` +
      `POST /api/messages with \`deliveryMode: "expectReplies"\` (one request is one whole turn, replies in the response body). ` +
      `Each connection plays conversations of ${setup.turnsPerConversation} messages under a new conversation id, cycling through ` +
      `${setup.messages} citizen messages (bench/messages.ts, Italian and English, every topic family), so no conversation is hammered. ` +
      `Each host (\`BOT_SDK\`: ${hosts.map((h) => h.sdk).join(", ")}) is measured in turn, its echo bot first. ` +
      "The echo bot (bench/echoServer.ts) is the bot's own HTTP layer (src/hosts/http/server.ts: restify 11, the same body parser " +
      "and request checks) and the same host in open mode, around a turn logic that sends the text back; the bot (bench/botServer.ts) " +
      "is src/app.ts's `createApp`, as src/index.ts starts it, logging silenced. So the ratio on a host is what the conversation " +
      "pipeline (rate limit, state, the conversation core with its router, rendering, staff records, the turn log) costs over the " +
      "transport and that SDK. " +
      "Both run as JavaScript built by the benchmark (see Cold start) with plain node and the Dockerfile's NODE_OPTIONS, in child " +
      "processes; autocannon runs in the parent, so on a 2-core machine server and load " +
      "generator each have about one core. Twenty closed-loop connections keep each server saturated, so latency is mostly " +
      "queueing (p50 ≈ connections ÷ throughput), and each p99 adds that server's pauses (garbage collection above all) to the queue.",
    "",
    "| host | server | turns/s | p50 ms | p99 ms | turns answered | conversations | 2xx without a reply | non-2xx | errors |",
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const { sdk, echo, bot } of hosts) {
    for (const [name, load] of [["echo bot", echo], ["bot", bot]] as const) lines.push(`| ${sdk} | ${name} | ${loadCells(load)} |`);
  }
  lines.push("", ...formatRouterCost(r.router), "");
  lines.push(
    "## Cold start",
    "",
    "From spawning the process (`PORT` on a free port, `LOG_LEVEL=silent`, the Dockerfile's NODE_OPTIONS, no credentials) to the first POST /api/messages answered " +
      "200 with a reply, polling every 10 ms; each run on a fresh process, with nothing else of the benchmark running. The command is " +
      "what `npm run start:prod`, the Docker image and the App Service start command run, `node dist/src/index.js`, on JavaScript the " +
      "benchmark builds itself into dist/bench-build/ (TypeScript's emit file by file, without type checking: the same code as " +
      "`npm run build`, in a second), once per host. `npm start` runs the sources through tsx for local use and starts more slowly.",
    "",
    "| command | host | runs (ms) | median (ms) |",
    "|---|---|---|---|",
    ...r.coldStarts.map((s) => `| \`${s.label}\` | ${s.sdk ?? "(default)"} | ${s.runsMs.map(int).join(", ")} | ${int(s.medianMs)} |`),
    "",
    "## Memory after many conversations",
    "",
  );
  for (const memory of r.memory) {
    lines.push(
      memorySentence(memory),
      "",
      "| host | RSS before the first conversation | RSS after the last | highest RSS during the run |",
      "|---|---|---|---|",
      `| ${memory.setup.sdk} | ${int(memory.rssBeforeMb)} MB | ${int(memory.rssAfterMb)} MB | ${int(memory.rssPeakMb)} MB |`,
      "",
    );
  }
  return lines.join("\n");
}

/** " on agents", or nothing for a figure of no named host. */
function onHost(sdk: string | undefined): string {
  return sdk ? ` on ${sdk}` : "";
}

function loadCells(load: LoadResult): string {
  return [
    int(load.turnsPerSecond),
    fixed(load.p50Ms),
    fixed(load.p99Ms),
    int(load.answered),
    int(load.conversations),
    int(load.withoutReply),
    int(load.non2xx),
    int(load.errors),
  ].join(" | ");
}

/** How the memory figure was taken, in words. */
function memorySentence(m: ServerMemory): string {
  const { setup } = m;
  const cut =
    m.conversations < setup.conversations
      ? ` The run stopped at its limit of ${int(setup.maxSeconds)} s after ${int(m.conversations)} of the ${int(setup.conversations)} conversations asked for.`
      : "";
  return (
    `The server as production runs it (bench/serverMemory.ts): \`node dist/src/index.js\` on the benchmark's build with \`BOT_SDK=${setup.sdk}\`, plain node, ` +
    `\`NODE_OPTIONS=${setup.nodeOptions || "(none)"}\` as in the Dockerfile, the default state storage, no credentials ` +
    "(so no token is needed; the local Direct Line and the website widget are on, as in local use). " +
    `${int(m.conversations)} distinct conversations of one message each, over HTTP on ${setup.connections} keep-alive connections ` +
    "(POST /api/messages with `deliveryMode: \"expectReplies\"`, the benchmark messages in turn). The resident size is read " +
    "from outside (`/proc/<pid>/status`: VmRSS, and VmHWM for the highest), as an operator sees it, with no forced garbage " +
    `collection. It took ${fixed(m.seconds)} s (${int(m.conversations / m.seconds)} turns/s); ${int(m.withoutReply)} turns came back ` +
    `without a reply, ${int(m.non2xx)} with another status than 200, ${int(m.errors)} with a connection error.${cut}`
  );
}

/** The "Router alone" section: how the table was measured, one row per knowledge size, and the growth. */
export function formatRouterCost(costs: readonly RouterCost[]): string[] {
  const lines = [
    "## Router alone",
    "",
    "The real `Router` (src/routing/router.ts), built as the bot builds it (entries, lexicon and the emergency concepts of " +
      "knowledge/emergency.yaml), on Cento's knowledge topped up with synthetic entries (bench/syntheticEntries.ts: " +
      "seeded, distinct ids, non-safety topics, keywords and examples drawn with a skew from the real vocabulary plus invented " +
      "Italian-looking words, about the size of a real entry). \"Router build\" is the constructor alone: indexing the entries, " +
      "compiling signals and concepts, and training the topic model on every example, keyword and signal, which is most of it. " +
      "Then the benchmark messages are routed in turn, timed one by one with `process.hrtime.bigint()` after three warm-up passes; " +
      "the first pass on a fresh router (typo corrections not yet cached) is shown apart. The largest size is capped at " +
      "3,000 entries (bench/routerCost.ts says why); `npx tsx bench/routerCost.ts --entries 10000` measures more.",
    "",
    "| entries | synthetic | router build ms | first pass mean µs | mean µs | p50 µs | p99 µs | max µs | messages timed |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const c of costs) {
    const t = c.perMessageUs;
    lines.push(
      `| ${int(c.entries)} | ${int(c.synthetic)} | ${int(c.buildMs)} | ${int(c.firstPassMeanUs)} | ${int(t.mean)} | ${int(t.p50)} | ${int(t.p99)} | ${int(t.max)} | ${int(t.count)} |`,
    );
  }
  lines.push("", growthSentence(costs));
  return lines;
}

/** How the mean cost grows from one size to the next, in words. */
export function growthSentence(costs: readonly RouterCost[]): string {
  const steps: string[] = [];
  for (let i = 1; i < costs.length; i++) {
    const from = costs[i - 1]!;
    const to = costs[i]!;
    const entries = to.entries / from.entries;
    const mean = to.perMessageUs.mean / from.perMessageUs.mean;
    // the exponent k of cost ∝ entries^k over this step: 1 is linear, 0 is flat
    const exponent = Math.log(mean) / Math.log(entries);
    steps.push(
      `${int(from.entries)} → ${int(to.entries)} entries (×${fixed(entries, 0)}): mean ×${fixed(mean)} (≈ entries^${fixed(exponent, 2)}), ` +
        `p99 ×${fixed(to.perMessageUs.p99 / from.perMessageUs.p99)}, build ×${fixed(to.buildMs / from.buildMs)}`,
    );
  }
  return steps.length === 0 ? "" : `Growth: ${steps.join("; ")}.`;
}
