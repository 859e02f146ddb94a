/**
 * `certplane report --html FILE`: one self-contained page — no request leaves it (no CDN, font,
 * image or script from anywhere; a Content-Security-Policy forbids them) — with a summary, the
 * timeline chart of every certificate and token (timeline.ts), and the table of rows below it, one
 * page at a time, sortable by any column and filtered by text and status (rowsTable.ts,
 * tableScript.ts); the rows travel as data, and only the first page is drawn as markup.
 *
 * Every text of the report is escaped (escape.ts, and rowsData.ts for the data); nothing from the
 * report goes into the page's style or script, which are constants allowed by their hashes.
 */
import { keyRotationCounts, reportKeys } from "../keyRotationText";
import { STATUSES, type Report } from "../model";
import { contentSecurityPolicy } from "./contentSecurityPolicy";
import { escapeHtml } from "./escape";
import { PAGE_STYLE } from "./pageStyle";
import { KEY_COLUMNS, ROW_COLUMNS } from "./columns";
import { renderTableSection } from "./rowsTable";
import { statusClass } from "./statusStyle";
import { TABLE_SCRIPT } from "./tableScript";
import { renderTimeline, type Timeline } from "./timeline";

const POLICY = contentSecurityPolicy(PAGE_STYLE, TABLE_SCRIPT);

/** `--warn-within` as people say it: `30 days`, or hours when not whole days. */
function durationText(hours: number): string {
  if (hours % 24 === 0) return `${hours / 24} day${hours === 24 ? "" : "s"}`;
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

/** `1 certificate or token` / `3 certificates and tokens`. */
function countText(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The line under the title: how many rows, from how many stacks, as of when, per status. */
function renderSummary(report: Report): string {
  const stacks = new Set(report.rows.map((row) => row.stack)).size;
  const perStatus = STATUSES.map((status) => {
    const count = report.rows.filter((row) => row.status === status).length;
    return `<span data-status-count="${escapeHtml(status)}"><span class="dot ${statusClass(status)}"></span><strong>${count}</strong> ${escapeHtml(status)}</span>`;
  }).join(" · ");
  return `<p class="summary" id="summary"><strong>${escapeHtml(countText(report.rows.length, "certificate or token", "certificates and tokens"))}</strong> in ${escapeHtml(countText(stacks, "stack", "stacks"))}, as of <time datetime="${escapeHtml(report.generatedAt)}">${escapeHtml(report.generatedAt)}</time> (expiring: within ${escapeHtml(durationText(report.warnWithinHours))})<br>${perStatus}${renderKeySummary(report)}</p>`;
}

/** The summary's key part, when any key's rotation is known: keys due for rotation and scheduled. */
function renderKeySummary(report: Report): string {
  const counts = keyRotationCounts(reportKeys(report));
  if (counts.due + counts.scheduled === 0) return "";
  return `<br><span id="key-summary">keys: <strong>${counts.due}</strong> <span class="key-due">rotation due</span> · <strong>${counts.scheduled}</strong> rotation scheduled</span>`;
}

/** The table of keys no certificate of their stack was issued for, when there are any. */
function renderKeys(report: Report): string {
  const keys = report.keys ?? [];
  if (keys.length === 0) return "";
  return `<h2>Keys with no certificate in their stack</h2>
<p class="note">Each was made by a CertificateRequest whose key no certificate of its stack was issued for: typically another stack signs its CSR.</p>
${renderTableSection({
  id: "keys",
  columns: KEY_COLUMNS,
  rows: keys,
  orderColumn: "keyRotation",
  rowsCalled: "keys",
  orderText: "soonest rotation first",
})}`;
}

/** What the chart's colours and marks mean. */
function renderLegend(kind: Timeline["kind"]): string {
  const statuses = STATUSES.map(
    (status) => `<li><span class="swatch ${statusClass(status)}"></span>${escapeHtml(status)}</li>`,
  ).join("");
  // The renewal window and an open start are drawn only on the per-row bars.
  const window =
    kind === "rows"
      ? `<li><span class="swatch window"></span>renewal window (the next <code>pulumi up</code> renews from here)</li>`
      : "";
  const open =
    kind === "rows"
      ? `<li><span class="swatch open"></span>no not-before: bar fades in from the left edge</li>`
      : "";
  return `<ul class="legend" id="legend">${statuses}${window}<li><span class="swatch today"></span>today (the report's time)</li>${open}</ul>`;
}

/** Where the rows came from: one line per source. */
function renderSources(report: Report): string {
  const items = report.sources
    .map(
      (source) =>
        `<li>${escapeHtml(source.stack)} — ${escapeHtml(source.from === "cli" ? "pulumi stack export" : source.from)} (${escapeHtml(countText(source.rows, "row", "rows"))})</li>`,
    )
    .join("");
  return `<details id="sources"><summary>${escapeHtml(countText(report.sources.length, "source", "sources"))} read</summary><ul>${items}</ul></details>`;
}

/** The chart and the tables, or the sentence that says there is nothing to show. */
function renderBody(report: Report): string {
  return `${renderCertificates(report)}${report.keys?.length ? `\n${renderKeys(report)}` : ""}`;
}

/** The chart and the certificates' table, or the sentence that says there is none. */
function renderCertificates(report: Report): string {
  if (report.rows.length === 0) {
    const read = countText(report.sources.length, "source", "sources");
    return `<p class="empty" id="empty">Nothing to show: no certificate or token was found in the ${escapeHtml(read)} read.</p>`;
  }
  const timeline = renderTimeline(report);
  const unplotted =
    timeline.unplotted === 0
      ? ""
      : `<p class="note" id="unplotted">${escapeHtml(countText(timeline.unplotted, "row has", "rows have"))} no readable not-after: only in the table below.</p>`;
  const chart =
    timeline.svg === ""
      ? ""
      : `${renderLegend(timeline.kind)}\n<figure class="chart">${timeline.svg}</figure>`;
  return `<h2>Timeline</h2>
${chart}
${unplotted}
<h2>Certificates and tokens</h2>
${renderTableSection({
  id: "certificates",
  columns: ROW_COLUMNS,
  rows: report.rows,
  orderColumn: "notAfter",
  rowsCalled: "certificates and tokens",
  orderText: "soonest not-after first",
})}`;
}

/**
 * Renders `report` as one complete, self-contained HTML document (UTF-8): a summary, the timeline
 * chart and the tables (paged, sorted and filtered by the page's script), or a sentence saying
 * there is nothing to show for an empty report.
 */
export function renderHtmlPage(report: Report): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="certplane report (format ${escapeHtml(String(report.formatVersion))})">
<title>certplane report — ${escapeHtml(report.generatedAt)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>certplane report</h1>
${renderSummary(report)}
</header>
<main>
${renderBody(report)}
${renderSources(report)}
</main>
<script>${TABLE_SCRIPT}</script>
</body>
</html>
`;
}
