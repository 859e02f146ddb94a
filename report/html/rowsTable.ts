/**
 * The table below the chart: one line per row, every field the report has, in the report's order
 * (not-after, soonest first). Each cell that sorts by something other than its text carries
 * `data-sort`; the page's script sorts by it when a header is clicked (sortScript.ts). Without
 * JavaScript the table is complete, in the report's order.
 */
import { KEY_ROTATION_DUE, keyRotationText } from "../keyRotationText";
import type { KeyFacts, KeyRow, ReportRow } from "../model";
import { daysLeftText, epochOf } from "./cellText";
import { escapeHtml } from "./escape";
import { statusClass, statusRank } from "./statusStyle";

/** How a column's cells compare: as text, or as numbers (empty cells last either way). */
type SortType = "text" | "number";

interface Column<Row = ReportRow> {
  /** A stable name for tests and the script: the `data-column` of the header. */
  readonly id: string;
  readonly heading: string;
  readonly sort: SortType;
  /** The cell's inner HTML (already escaped) and, when it differs from the text, its sort key. */
  readonly cell: (row: Row) => { html: string; sortKey?: string };
  /** Extra classes of the column's cells. */
  readonly className?: string;
}

function text(value: string | undefined): { html: string } {
  return { html: value === undefined ? "" : escapeHtml(value) };
}

/** A time cell: the report's text in a `<time>`, sorting by the instant (unreadable text last). */
function time(value: string | undefined): { html: string; sortKey: string } {
  if (value === undefined) return { html: "", sortKey: "" };
  const epoch = epochOf(value);
  const escaped = escapeHtml(value);
  return epoch === undefined
    ? { html: escaped, sortKey: "" }
    : { html: `<time datetime="${escaped}">${escaped}</time>`, sortKey: String(epoch) };
}

/**
 * The key-rotation cell: keyRotationText's words, the `key rotation due` marker in its own span;
 * sorted by the rotation instant, a due key of unknown age first (epoch 0: due since ever).
 */
function keyRotationCell(facts: KeyFacts): { html: string; sortKey: string } {
  const words = keyRotationText(facts);
  if (words === undefined) return { html: "", sortKey: "" };
  const due = facts.keyRotation === "due";
  const html = due
    ? `<span class="key-due">${escapeHtml(KEY_ROTATION_DUE)}</span>${escapeHtml(words.slice(KEY_ROTATION_DUE.length))}`
    : escapeHtml(words);
  const epoch = epochOf(facts.keyRotationDue);
  const sortKey = epoch !== undefined ? String(epoch) : due ? "0" : "";
  return { html, sortKey };
}

/** The key columns, shared by the certificates' table and the keys' table. */
function keyColumns<Row extends KeyFacts>(): Column<Row>[] {
  return [
    {
      id: "keyCreatedAt",
      heading: "Key created",
      sort: "number",
      className: "nowrap",
      cell: (row) => time(row.keyCreatedAt),
    },
    {
      id: "keyRotation",
      heading: "Key rotation",
      sort: "number",
      className: "nowrap",
      cell: (row) => keyRotationCell(row),
    },
  ];
}

/** The table's columns, in order. */
export const COLUMNS: readonly Column[] = [
  { id: "stack", heading: "Stack", sort: "text", cell: (row) => text(row.stack) },
  { id: "name", heading: "Name", sort: "text", cell: (row) => text(row.name) },
  { id: "type", heading: "Type", sort: "text", cell: (row) => text(row.type) },
  { id: "vendor", heading: "Vendor", sort: "text", cell: (row) => text(row.vendor) },
  {
    id: "subject",
    heading: "Subject",
    sort: "text",
    cell: (row) => text(row.subject),
    className: "wrap",
  },
  {
    id: "serial",
    heading: "Serial",
    sort: "text",
    cell: (row) => text(row.serial),
    className: "wrap",
  },
  {
    id: "notBefore",
    heading: "Not before",
    sort: "number",
    cell: (row) => time(row.notBefore),
    className: "nowrap",
  },
  {
    id: "notAfter",
    heading: "Not after",
    sort: "number",
    cell: (row) => time(row.notAfter),
    className: "nowrap",
  },
  {
    id: "daysLeft",
    heading: "Days left",
    sort: "number",
    className: "num",
    cell: (row) => ({
      html: escapeHtml(daysLeftText(row.daysLeft)),
      sortKey: Number.isFinite(row.daysLeft) ? String(row.daysLeft) : "",
    }),
  },
  {
    id: "renewalWindow",
    heading: "Renewal window",
    sort: "number",
    className: "nowrap",
    cell: (row) => {
      const start = time(row.renewalWindowStart);
      return row.renewalWindowStart === undefined
        ? { html: "none", sortKey: "" }
        : { html: `from ${start.html}`, sortKey: start.sortKey };
    },
  },
  {
    id: "status",
    heading: "Status",
    sort: "number",
    className: "nowrap",
    cell: (row) => ({
      html: `<span class="dot ${statusClass(row.status)}"></span>${escapeHtml(row.status)}`,
      sortKey: String(statusRank(row.status)),
    }),
  },
  ...keyColumns<ReportRow>(),
];

/** The columns of the table of keys no certificate of their stack was issued for. */
export const KEY_COLUMNS: readonly Column<KeyRow>[] = [
  { id: "stack", heading: "Stack", sort: "text", cell: (key) => text(key.stack) },
  { id: "name", heading: "Name", sort: "text", cell: (key) => text(key.name) },
  {
    id: "fingerprint",
    heading: "Fingerprint",
    sort: "text",
    cell: (key) => text(key.fingerprint),
    className: "wrap",
  },
  ...keyColumns<KeyRow>(),
];

/** The column the report's order follows, marked as the current sort in the header. */
const REPORT_ORDER_COLUMN = "notAfter";

/** The table of `rows`, with `id="certificates"`; each line has `data-urn` and `data-index`. */
export function renderRowsTable(rows: readonly ReportRow[]): string {
  return renderTable("certificates", COLUMNS, rows, REPORT_ORDER_COLUMN);
}

/**
 * The table of keys no certificate of their stack was issued for, with `id="keys"`, in the
 * report's order (soonest rotation first); the page's script sorts only the certificates' table.
 */
export function renderKeysTable(keys: readonly KeyRow[]): string {
  return renderTable("keys", KEY_COLUMNS, keys, "keyRotation");
}

function renderTable<Row extends { urn: string }>(
  id: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  orderColumn: string,
): string {
  const headings = columns
    .map((column) => {
      const classes = column.className === "num" ? ` class="num"` : "";
      const sorted = column.id === orderColumn ? ` aria-sort="ascending"` : "";
      return `<th scope="col" data-column="${column.id}" data-sort-type="${column.sort}"${classes}${sorted}>${escapeHtml(column.heading)}</th>`;
    })
    .join("");
  const lines = rows.map((row, index) => {
    const cells = columns
      .map((column) => {
        const { html, sortKey } = column.cell(row);
        const classes = column.className === undefined ? "" : ` class="${column.className}"`;
        const key = sortKey === undefined ? "" : ` data-sort="${escapeHtml(sortKey)}"`;
        return `<td${classes}${key}>${html}</td>`;
      })
      .join("");
    return `<tr data-urn="${escapeHtml(row.urn)}" data-index="${index}">${cells}</tr>`;
  });
  return `<table id="${id}">
<thead><tr>${headings}</tr></thead>
<tbody>
${lines.join("\n")}
</tbody>
</table>`;
}
