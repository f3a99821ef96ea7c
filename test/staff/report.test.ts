import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/staff/buildReport.js";
import { groupSimilarQuestions } from "../../src/staff/groupSimilarQuestions.js";
import { parseSince, readInteractions } from "../../src/staff/readInteractions.js";
import { i18n, realBundle } from "../support/realKnowledge.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURE = resolve(import.meta.dirname, "fixtures/interactions");
const since = new Date("2026-11-15T00:00:00+01:00");
const until = new Date("2026-11-30T00:00:00+01:00");
const staff = (key: string, lng = "it") => String(i18n.t(key, { ns: "staff", lng }));

describe("reading the interaction log", () => {
  it("keeps the records of the period, skips and counts broken lines", () => {
    const interactions = readInteractions(FIXTURE, { since, until });
    expect(interactions.questions).toHaveLength(11);
    expect(interactions.feedback).toHaveLength(8);
    expect(interactions.missed).toHaveLength(8);
    expect(interactions.skippedLines).toBe(2);
  });

  it("filters by comune", () => {
    expect(readInteractions(FIXTURE, { since, until, comune: "mezzago" }).questions).toEqual([
      expect.objectContaining({ comune: "mezzago", entry: "hours" }),
    ]);
  });

  it.each([
    ["7d", "2026-11-16T12:00:00.000Z"],
    ["24h", "2026-11-22T12:00:00.000Z"],
    ["2w", "2026-11-09T12:00:00.000Z"],
    ["2026-11-01", "2026-10-31T23:00:00.000Z"],
    ["2026-07-01", "2026-06-30T22:00:00.000Z"],
    ["2026-11-01T08:00:00+01:00", "2026-11-01T07:00:00.000Z"],
  ])("--since %s", (text, expected) => {
    expect(parseSince(text, new Date("2026-11-23T12:00:00Z"))?.toISOString()).toBe(expected);
  });

  it.each(["yesterday", "7", "2026-13-45"])("--since %s is refused", (text) => {
    expect(parseSince(text, new Date("2026-11-23T12:00:00Z"))).toBeUndefined();
  });
});

describe("grouping missed questions", () => {
  it("puts the same question in other words together, most frequent first, deterministically", () => {
    const texts = ["dove si paga la TARI?", "come si paga la tari", "orari biblioteca", "dove si paga la TARI?", "sono [nome], come pago la TARI?"];
    const groups = groupSimilarQuestions(texts, { stopwords: new Set(["dove", "si", "la", "come", "sono"]) });
    expect(groups).toEqual([
      { text: "dove si paga la TARI?", count: 4, variants: ["come si paga la tari", "sono [nome], come pago la TARI?"] },
      { text: "orari biblioteca", count: 1, variants: [] },
    ]);
    expect(groupSimilarQuestions([...texts].reverse(), { stopwords: new Set(["dove", "si", "la", "come", "sono"]) })).toEqual(groups);
  });
});

describe("the report", () => {
  const stopwords = realBundle("cento").knowledge.lexicon.stopwords;
  const report = buildReport(readInteractions(FIXTURE, { since, until }), { since, until, stopwords });

  it("counts what was asked most, by entry and by topic", () => {
    expect(report.mostAsked.map((r) => [r.entry, r.count])).toEqual([["hours", 6], ["report-problem", 3], ["crime", 2]]);
    expect(report.byTopic[0]).toEqual({ topic: "policy.hours", count: 6 });
  });

  it("ranks the entries found unhelpful by their ratio", () => {
    expect(report.unhelpful.map((r) => [r.entry, r.helpful, r.unhelpful])).toEqual([["report-problem", 1, 2], ["hours", 3, 1]]);
  });

  it("groups missed questions and says how each was missed", () => {
    expect(report.missedGroups[0]).toMatchObject({ text: "dove si paga la TARI?", count: 4, fallback: 4, clarify: 0 });
    expect(report.missedGroups.find((g) => g.text.includes("apre la biblioteca"))).toMatchObject({ clarify: 1 });
  });
});

describe("npm run report", () => {
  it("prints tables and writes a self-contained HTML page with a chart", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "report-")), "report.html");
    const { stdout } = await run(
      "npx",
      ["tsx", "scripts/report.ts", "--dir", FIXTURE, "--since", "2026-11-15", "--until", "2026-11-30", "--html", out],
      { cwd: ROOT },
    );
    expect(stdout).toContain(staff("mostAsked.title"));
    expect(stdout).toMatch(/hours\s+policy\.hours\s+6\s+55%/);
    expect(stdout).toMatch(/report-problem\s+redirect\.report\s+1\s+2\s+67%/);
    expect(stdout).toMatch(/4\s+dove si paga la TARI\?/);

    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="it">');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain(staff("missed.title"));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    // Self-contained: no script, no stylesheet or image fetched from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
  });

  it("prints no control character or escape sequence that citizens typed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-escapes-"));
    const hostile = [
      "orari \u001b[2J\u001b[31managrafe\u001b[0m?",
      "\u001b]0;titolo finto\u0007 dove si paga la tari",
      "\u009b2Jbiblioteca \u0007\u0008\u0000aperta?",
      "link \u001b]8;;https://example.invalid\u001b\\qui\u001b]8;;\u001b\\ grazie\r\nriga",
      "\u202Eotnemucod\u202C scaduto",
    ];
    const lines = hostile.map((text, i) => JSON.stringify({ at: `2026-11-20T0${i}:00:00.000Z`, comune: "cento", topic: "fallback", text }));
    writeFileSync(join(dir, "missed-2026-11-20.jsonl"), `${lines.join("\n")}\n`);
    const { stdout } = await run("npx", ["tsx", "scripts/report.ts", "--dir", dir, "--since", "2026-11-15", "--until", "2026-11-30"], { cwd: ROOT });
    expect(stdout).toContain("anagrafe?");
    expect(stdout).toContain("biblioteca aperta?");
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u);
    expect(stdout).not.toContain("titolo finto");
  });

  it("refuses a period it cannot read, in the staff's words", async () => {
    const failed = await run("npx", ["tsx", "scripts/report.ts", "--dir", FIXTURE, "--since", "ieri"], { cwd: ROOT }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain("--since non è valido: «ieri»");
  });
});
