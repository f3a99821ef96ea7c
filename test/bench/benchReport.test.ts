import { describe, expect, it } from "vitest";
import { TARGETS, formatBenchReport, formatRouterCost, growthSentence, type BenchResults } from "../../bench/benchReport.js";
import type { RouterCost } from "../../bench/routerCost.js";

const routerCost = (entries: number, mean: number, p99: number): RouterCost => ({
  entries,
  synthetic: entries - 31,
  buildMs: entries / 10,
  firstPassMeanUs: mean * 2,
  perMessageUs: { count: 1_000, mean, p50: mean, p99, max: p99 * 2 },
});

const load = (turnsPerSecond: number, p99Ms: number) => ({
  seconds: 15,
  turnsPerSecond,
  p50Ms: p99Ms / 4,
  p99Ms,
  answered: turnsPerSecond * 15,
  conversations: turnsPerSecond * 5,
  withoutReply: 0,
  non2xx: 0,
  errors: 0,
});

const memory = (sdk: "botbuilder" | "agents", rssAfterMb: number) => ({
  setup: { conversations: 100_000, nodeOptions: "--max-old-space-size=192", sdk, connections: 8, maxSeconds: 240 },
  conversations: 100_000,
  seconds: 100,
  withoutReply: 0,
  non2xx: 0,
  errors: 0,
  rssBeforeMb: 200,
  rssAfterMb,
  rssPeakMb: rssAfterMb + 5,
});

const results: BenchResults = {
  machine: { date: "2026-01-01T00:00:00.000Z", cpus: 2, cpuModel: "Test CPU", memoryGb: 8, node: "v20.0.0", loadAverageAtStart: [0.1, 0.2, 0.3] },
  comune: "cento",
  knowledgeVersion: "abcdef012345",
  http: {
    setup: { connections: 20, warmupSeconds: 3, durationSeconds: 15, turnsPerConversation: 3, messages: 43 },
    hosts: [
      { sdk: "botbuilder", echo: load(1_000, 10), bot: load(800, 14) },
      { sdk: "agents", echo: load(2_000, 10), bot: load(1_000, 25) },
    ],
  },
  router: [routerCost(100, 50, 100), routerCost(1_000, 100, 900), routerCost(10_000, 1_000, 5_000)],
  coldStarts: [
    { label: "node dist/src/index.js", sdk: "botbuilder", runsMs: [1_400, 1_450, 1_420], medianMs: 1_420 },
    { label: "node dist/src/index.js", sdk: "agents", runsMs: [1_600, 1_700, 1_650], medianMs: 1_650 },
  ],
  memory: [memory("botbuilder", 240), memory("agents", 260)],
  wallSeconds: 150,
};

const rowOf = (report: string, start: string) => report.split("\n").find((line) => line.startsWith(`| ${start}`)) ?? "";

describe("the benchmark report", () => {
  const report = formatBenchReport(results);

  it.each([
    ["HTTP throughput on botbuilder", "800 ÷ 1,000 turns/s = 80 %", "✅"],
    ["HTTP p99 latency on botbuilder", "14.0 ÷ 10.0 ms = 1.40×", "✅"],
    ["HTTP throughput on agents", "1,000 ÷ 2,000 turns/s = 50 %", "❌"],
    ["HTTP p99 latency on agents", "25.0 ÷ 10.0 ms = 2.50×", "❌"],
    ["Router p99 at 1,000 entries", "900 µs", "✅"],
    ["Cold start to first answered request, `node dist/src/index.js` on botbuilder", "1,420 ms", "✅"],
    ["Cold start to first answered request, `node dist/src/index.js` on agents", "1,650 ms", "❌"],
    ["RSS of `node dist/src/index.js` on botbuilder after 100,000", "240 MB", "✅"],
    ["RSS of `node dist/src/index.js` on agents after 100,000", "260 MB", "❌"],
  ])("judges %s (%s) against its target: %s", (figure, measured, mark) => {
    const row = rowOf(report, figure);
    expect(row).toContain(measured);
    expect(row.trim().endsWith(`${mark} |`)).toBe(true);
  });

  it("gives every host's echo bot and bot a row of the HTTP table, in the order measured", () => {
    const rows = report.split("\n").filter((line) => /^\| (botbuilder|agents) \| (echo bot|bot) \|/.test(line));
    expect(rows.map((row) => row.split(" | ").slice(0, 3).join(" | "))).toEqual([
      "| botbuilder | echo bot | 1,000",
      "| botbuilder | bot | 800",
      "| agents | echo bot | 2,000",
      "| agents | bot | 1,000",
    ]);
  });

  it("says how the memory was taken on each host, and when the run was cut short", () => {
    expect(report).toContain("`node dist/src/index.js` on the benchmark's build with `BOT_SDK=botbuilder`");
    expect(report).toContain("`node dist/src/index.js` on the benchmark's build with `BOT_SDK=agents`");
    expect(report).toContain("`NODE_OPTIONS=--max-old-space-size=192`");
    expect(report).toContain("| botbuilder | 200 MB | 240 MB | 245 MB |");
    expect(report).toContain("| agents | 200 MB | 260 MB | 265 MB |");
    expect(report).not.toContain("stopped at its limit");
    const cut = formatBenchReport({ ...results, memory: [{ ...memory("botbuilder", 240), conversations: 60_000 }] });
    expect(cut).toContain("The run stopped at its limit of 240 s after 60,000 of the 100,000 conversations asked for.");
  });

  it("names the machine, the date and the targets", () => {
    expect(report).toContain("2 × Test CPU");
    expect(report).toContain("2026-01-01T00:00:00.000Z");
    expect(report).toContain(`≥ ${TARGETS.throughputRatio * 100} %`);
    expect(report).toContain(`≤ ${TARGETS.p99Ratio}×`);
    expect(report).toContain(`≤ ${TARGETS.rssMb} MB`);
  });
});

describe("the router section", () => {
  it("gives the router build of every size apart from routing", () => {
    const lines = formatRouterCost(results.router);
    expect(lines).toContain("| entries | synthetic | router build ms | first pass mean µs | mean µs | p50 µs | p99 µs | max µs | messages timed |");
    expect(lines).toContain("| 1,000 | 969 | 100 | 200 | 100 | 100 | 900 | 1,800 | 1,000 |");
    expect(formatBenchReport(results)).toContain(lines.join("\n"));
  });
});

describe("how router cost grows", () => {
  it("gives the ratio and the exponent of each step", () => {
    const sentence = growthSentence([routerCost(100, 50, 100), routerCost(1_000, 500, 1_000)]);
    expect(sentence).toContain("mean ×10.0 (≈ entries^1.00)");
    expect(sentence).toContain("p99 ×10.0");
  });

  it("says nothing with a single size", () => {
    expect(growthSentence([routerCost(100, 50, 100)])).toBe("");
  });
});
