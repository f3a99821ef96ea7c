import type { Translate } from "../i18n.js";
import type { InteractionReport } from "./buildReport.js";
import { terminalText } from "./terminalText.js";

const MAX_CELL = 60;

/** The report as plain-text tables for a terminal. `t` translates keys of the "staff" namespace. */
export function renderReportText(report: InteractionReport, t: Translate, formatDate: (date: Date) => string): string {
  const out: string[] = [];
  const c = (key: string) => t(`column.${key}`);
  out.push(t("title"), t("period", { since: formatDate(report.since), until: formatDate(report.until) }));
  out.push(report.comune ? t("comune", { comune: report.comune }) : t("allComuni"));
  out.push(t("totals", report.totals));
  if (report.totals.skippedLines > 0) out.push(t("skipped", { count: report.totals.skippedLines }));

  const section = (title: string, hint: string, headers: string[], rows: string[][]) => {
    out.push("", title, ...(hint ? [hint] : []), rows.length > 0 ? table(headers, rows) : `  ${t("empty")}`);
  };
  section(
    t("mostAsked.title"),
    t("mostAsked.hint"),
    [c("entry"), c("topic"), c("count"), c("share")],
    report.mostAsked.map((r) => [r.entry, r.topic, String(r.count), percent(r.share)]),
  );
  section(t("byTopic.title"), "", [c("topic"), c("count")], report.byTopic.map((r) => [r.topic, String(r.count)]));
  section(
    t("unhelpful.title"),
    t("unhelpful.hint"),
    [c("entry"), c("topic"), c("helpful"), c("unhelpful"), c("ratio")],
    report.unhelpful.map((r) => [r.entry, r.topic, String(r.helpful), String(r.unhelpful), percent(r.ratio)]),
  );
  section(
    t("missed.title"),
    t("missed.hint"),
    [c("count"), c("question"), c("variants"), c("fallback"), c("clarify")],
    report.missedGroups.map((g) => [String(g.count), g.text, g.variants.slice(0, 2).join(" | "), String(g.fallback), String(g.clarify)]),
  );
  out.push("", t("privacy"));
  // The log holds what citizens typed: nothing of it may reach the terminal as a control sequence.
  return terminalText(out.join("\n") + "\n", true);
}

/**
 * A table with a header rule; numbers are right-aligned, long cells cut with an ellipsis. Cells are
 * made terminal-safe (terminalText) before they are measured, so escape sequences neither reach the
 * terminal nor break the alignment.
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cut = (s: string) => (s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s);
  const cells = [headers, ...rows].map((row) => row.map((cell) => cut(terminalText(cell).replace(/\s+/g, " "))));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? "")].length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => /^[\d.,]+%?$/.test(row[i] ?? "")));
  const line = (row: readonly string[]) =>
    "  " +
    row
      .map((cell, i) => {
        const pad = " ".repeat(Math.max(0, widths[i]! - [...cell].length));
        return numeric[i] ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), "  " + widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}
