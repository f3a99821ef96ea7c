import type { Translate } from "../i18n.js";
import type { InteractionReport } from "./buildReport.js";
import { percent } from "./renderReportText.js";

/**
 * The report as one self-contained HTML page: inline style, inline SVG bar charts, no script and
 * no external file, so it can be mailed or opened offline.
 */
export function renderReportHtml(report: InteractionReport, t: Translate, formatDate: (date: Date) => string, language: string): string {
  const c = (key: string) => t(`column.${key}`);
  const period = t("period", { since: formatDate(report.since), until: formatDate(report.until) });
  const sections = [
    section(
      t("mostAsked.title"),
      t("mostAsked.hint"),
      barChart(report.mostAsked.slice(0, 10).map((r) => ({ label: r.entry, value: r.count })), t("mostAsked.chart")) +
        table([c("entry"), c("topic"), c("count"), c("share")], report.mostAsked.map((r) => [r.entry, r.topic, r.count, percent(r.share)]), t("empty")),
    ),
    section(t("byTopic.title"), "", table([c("topic"), c("count")], report.byTopic.map((r) => [r.topic, r.count]), t("empty"))),
    section(
      t("unhelpful.title"),
      t("unhelpful.hint"),
      table(
        [c("entry"), c("topic"), c("helpful"), c("unhelpful"), c("ratio")],
        report.unhelpful.map((r) => [r.entry, r.topic, r.helpful, r.unhelpful, percent(r.ratio)]),
        t("empty"),
      ),
    ),
    section(
      t("missed.title"),
      t("missed.hint"),
      barChart(report.missedGroups.slice(0, 10).map((g) => ({ label: g.text, value: g.count })), t("missed.chart")) +
        table(
          [c("count"), c("question"), c("variants"), c("fallback"), c("clarify")],
          report.missedGroups.map((g) => [g.count, g.text, g.variants.join(" · "), g.fallback, g.clarify]),
          t("empty"),
        ),
    ),
  ];
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${t("title")} · ${period}`)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:2px solid #0b5394}
table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.hint,.meta{color:#444}svg{max-width:100%;height:auto;display:block;margin-top:1rem}
</style>
</head>
<body>
<h1>${escapeHtml(t("title"))}</h1>
<p class="meta">${escapeHtml(period)} · ${escapeHtml(report.comune ? t("comune", { comune: report.comune }) : t("allComuni"))}</p>
<p>${escapeHtml(t("totals", report.totals))}</p>
${report.totals.skippedLines > 0 ? `<p class="meta">${escapeHtml(t("skipped", { count: report.totals.skippedLines }))}</p>` : ""}
${sections.join("\n")}
<p class="meta">${escapeHtml(t("privacy"))}</p>
</body>
</html>
`;
}

function section(title: string, hint: string, body: string): string {
  return `<section>\n<h2>${escapeHtml(title)}</h2>\n${hint ? `<p class="hint">${escapeHtml(hint)}</p>\n` : ""}${body}\n</section>`;
}

function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, empty: string): string {
  if (rows.length === 0) return `<p>${escapeHtml(empty)}</p>`;
  const numeric = headers.map((_, i) => rows.every((row) => typeof row[i] === "number" || /^\d+%$/.test(String(row[i]))));
  const cell = (tag: string, value: string | number, i: number) => `<${tag}${numeric[i] ? ' class="n"' : ""}>${escapeHtml(String(value))}</${tag}>`;
  return `<table>\n<thead><tr>${headers.map((h, i) => cell("th", h, i)).join("")}</tr></thead>\n<tbody>\n${rows
    .map((row) => `<tr>${row.map((v, i) => cell("td", v, i)).join("")}</tr>`)
    .join("\n")}\n</tbody>\n</table>`;
}

/** Horizontal bars with their label and value, in an SVG with a text alternative. */
function barChart(bars: ReadonlyArray<{ label: string; value: number }>, description: string): string {
  if (bars.length === 0) return "";
  const rowHeight = 28;
  const labelWidth = 320;
  const barSpace = 360;
  const width = labelWidth + barSpace + 50;
  const height = bars.length * rowHeight + 10;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const label = (text: string) => (text.length > 42 ? `${text.slice(0, 41)}…` : text);
  const rows = bars
    .map((bar, i) => {
      const y = 5 + i * rowHeight;
      const w = Math.max(2, Math.round((bar.value / max) * barSpace));
      return (
        `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="13">${escapeHtml(label(bar.label))}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" fill="#0b5394"></rect>` +
        `<text x="${labelWidth + w + 6}" y="${y + 18}" font-size="13">${bar.value}</text>`
      );
    })
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(description)}">
<title>${escapeHtml(description)}</title>
${rows}
</svg>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}
