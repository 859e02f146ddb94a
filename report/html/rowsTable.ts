/**
 * A table of the page with its controls (its columns from columns.ts): a toolbar (text filter,
 * status filter when the table has a status, rows per page, pager, what is shown), the table with
 * its first page of rows drawn here in the report's order, a note for readers without JavaScript
 * when there are more rows than that page, and every row as data (rowsData.ts) for the page's
 * script, which draws the page, sorts and filters (tableScript.ts).
 *
 * Hooks (stable, for tests and tools): `section.rows[data-table=<id>]` holds `table#<id>` (headers
 * `th[data-column][data-sort-type]`, rows `tr[data-urn][data-index]`, `data-index` the row's place
 * in the report) and `script#<id>-data`; the controls carry `data-control` (`toolbar`, `filter`,
 * `facet`, `page-size`, `page`, `page-count`, `shown`, `no-script`) and the pager's buttons
 * `data-page` (`first`, `previous`, `next`, `last`).
 */
import { KEY_ROTATION_DUE } from "../keyRotationText";
import { STATUSES } from "../model";
import { sortType, type CellValue, type Column } from "./columns";
import { escapeHtml } from "./escape";
import { jsonForScriptElement, rowsData } from "./rowsData";
import { STATUS_CLASSES } from "./statusStyle";

/** The rows per page the reader may choose; the first is the default and the first page drawn here. */
export const PAGE_SIZES: readonly number[] = [100, 250, 1000];

/** A table to draw: its id, what its rows are called, and the order the report gives them in. */
export interface TableSpec<Row> {
  readonly id: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  /** The column the report's order follows: marked as the current sort in the header. */
  readonly orderColumn: string;
  /** `certificates and tokens`: what the pager and the notes call the rows. */
  readonly rowsCalled: string;
  /** `soonest not-after first`: the report's order, as the no-JavaScript note says it. */
  readonly orderText: string;
}

/** A `<time>` for a readable instant, else the escaped text. */
function timeHtml(value: CellValue): string {
  const escaped = escapeHtml(value.text ?? "");
  return value.key === null || value.key === undefined
    ? escaped
    : `<time datetime="${escaped}">${escaped}</time>`;
}

/** A cell's inner HTML (escaped), by its column's kind; the page's script draws the same. */
export function cellHtml(column: Column<never>, value: CellValue): string {
  const text = escapeHtml(value.text ?? "");
  switch (column.kind) {
    case "time":
      return timeHtml(value);
    case "window":
      return value.text === null ? "none" : `from ${timeHtml(value)}`;
    case "status":
      return `<span class="dot ${STATUS_CLASSES[value.key ?? STATUS_CLASSES.length - 1]}"></span>${text}`;
    case "keyRotation":
      return value.due === true
        ? `<span class="key-due">${escapeHtml(KEY_ROTATION_DUE)}</span>${escapeHtml((value.text ?? "").slice(KEY_ROTATION_DUE.length))}`
        : text;
    default:
      return text;
  }
}

/** One line of the table. */
function renderLine<Row extends { urn: string }>(
  columns: readonly Column<Row>[],
  row: Row,
  index: number,
): string {
  const cells = columns
    .map((column) => {
      const classes = column.className === undefined ? "" : ` class="${column.className}"`;
      return `<td${classes}>${cellHtml(column as Column<never>, column.cell(row))}</td>`;
    })
    .join("");
  return `<tr data-urn="${escapeHtml(row.urn)}" data-index="${index}">${cells}</tr>`;
}

/** `10,000`: counts as the page writes them (the script writes them the same way). */
function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** The status filter: every status with its count, and `other` when a row has another. */
function renderFacet<Row>(spec: TableSpec<Row>): string {
  const column = spec.columns.find((candidate) => candidate.kind === "status");
  if (column === undefined) return "";
  const perRank = new Array<number>(STATUS_CLASSES.length).fill(0);
  for (const row of spec.rows) perRank[column.cell(row).key ?? STATUS_CLASSES.length - 1] += 1;
  const labels = [...STATUSES, "other"];
  const options = labels
    .map((label, rank) =>
      rank < STATUSES.length || perRank[rank] > 0
        ? `<option value="${rank}">${escapeHtml(label)} (${count(perRank[rank])})</option>`
        : "",
    )
    .join("");
  return `<label>${escapeHtml(column.heading)} <select data-control="facet" data-column="${column.id}"><option value="">all (${count(spec.rows.length)})</option>${options}</select></label>`;
}

/** The toolbar above the table; hidden until the script shows it (it does nothing without one). */
function renderToolbar<Row>(spec: TableSpec<Row>): string {
  const searched = spec.columns
    .filter((column) => column.search === true)
    .map((column) => column.heading.toLowerCase());
  const sizes = PAGE_SIZES.map(
    (size, index) =>
      `<option value="${size}"${index === 0 ? ` selected=""` : ""}>${count(size)}</option>`,
  ).join("");
  const button = (page: string, label: string, symbol: string) =>
    `<button type="button" data-page="${page}" aria-label="${label}" title="${label}">${symbol}</button>`;
  return `<div class="toolbar" data-control="toolbar" hidden="">
<label>Filter <input type="search" data-control="filter" placeholder="${escapeHtml(searched.join(", "))}" aria-label="Filter ${escapeHtml(spec.rowsCalled)} by ${escapeHtml(searched.join(", "))}" autocomplete="off" spellcheck="false"></label>
${renderFacet(spec)}
<label>Rows per page <select data-control="page-size">${sizes}<option value="all">all</option></select></label>
<span class="pager">${button("first", "First page", "«")}${button("previous", "Previous page", "‹")}<label>Page <input type="number" data-control="page" min="1" value="1"></label> <span data-control="page-count"></span>${button("next", "Next page", "›")}${button("last", "Last page", "»")}</span>
<span class="shown" data-control="shown" role="status" aria-live="polite"></span>
</div>`;
}

/** What a reader without JavaScript is told when the table holds only the first page. */
function renderNoScriptNote<Row>(spec: TableSpec<Row>): string {
  if (spec.rows.length <= PAGE_SIZES[0]) return "";
  return `<p class="note" data-control="no-script">Showing the first ${count(PAGE_SIZES[0])} of ${count(spec.rows.length)} ${escapeHtml(spec.rowsCalled)}, ${escapeHtml(spec.orderText)}. Paging, sorting and filtering need JavaScript; <code>certplane report --json</code> lists every row.</p>`;
}

/** The table's section: toolbar, table (its first page), no-JavaScript note and data island. */
export function renderTableSection<Row extends { urn: string }>(spec: TableSpec<Row>): string {
  const headings = spec.columns
    .map((column) => {
      const classes = column.className === "num" ? ` class="num"` : "";
      const sorted = column.id === spec.orderColumn ? ` aria-sort="ascending"` : "";
      return `<th scope="col" data-column="${column.id}" data-sort-type="${sortType(column)}"${classes}${sorted}>${escapeHtml(column.heading)}</th>`;
    })
    .join("");
  const lines = spec.rows
    .slice(0, PAGE_SIZES[0])
    .map((row, index) => renderLine(spec.columns, row, index));
  return `<section class="rows" data-table="${spec.id}">
${renderToolbar(spec)}
<table id="${spec.id}">
<thead><tr>${headings}</tr></thead>
<tbody>
${lines.join("\n")}
</tbody>
</table>
${renderNoScriptNote(spec)}
<script type="application/json" id="${spec.id}-data">${jsonForScriptElement(rowsData(spec.columns, spec.rows))}</script>
</section>`;
}
