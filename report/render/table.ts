/**
 * The report as a table for people: one line per credential, soonest not-after first, then a
 * summary line. Colour (the status cell only) is the caller's choice: ../output/colour decides it
 * from the terminal and NO_COLOR.
 */
import { STATUSES, type CertificateStatus, type Report, type ReportRow } from "../model";
import { formatDurationHours } from "../duration";
import { displayWidth, printable } from "./textWidth";

/** ANSI SGR colour per status (red, magenta, yellow, green). */
const STATUS_COLOUR: Record<CertificateStatus, string> = {
  expired: "31",
  "renewal due": "35",
  expiring: "33",
  ok: "32",
};

/** The table's columns: a title and the cell of a row. */
const COLUMNS: readonly { title: string; cell: (row: ReportRow) => string }[] = [
  { title: "STATUS", cell: (row) => row.status },
  { title: "NOT AFTER", cell: (row) => row.notAfter },
  { title: "DAYS LEFT", cell: (row) => row.daysLeft.toFixed(1) },
  { title: "STACK", cell: (row) => row.stack },
  { title: "NAME", cell: (row) => row.name },
  { title: "KIND", cell: (row) => row.kind },
  { title: "VENDOR", cell: (row) => row.vendor },
  { title: "SUBJECT", cell: (row) => row.subject },
  { title: "SERIAL", cell: (row) => row.serial ?? "-" },
  { title: "RENEWAL FROM", cell: (row) => row.renewalWindowStart ?? "-" },
];

const STATUS_COLUMN = 0;

/** Counts per status, worst first, e.g. `1 expired, 0 renewal due, 2 expiring, 4 ok`. */
export function statusCounts(rows: readonly ReportRow[]): string {
  return STATUSES.map(
    (status) => `${rows.filter((r) => r.status === status).length} ${status}`,
  ).join(", ");
}

/** The table of `report` (ends with a line feed). */
export function renderTable(report: Report, options: { colour: boolean }): string {
  const stacks = report.sources.length;
  const summary =
    `${report.rows.length} certificate(s) and token(s) in ${stacks} stack(s) at ${report.generatedAt}: ` +
    `${statusCounts(report.rows)} (expiring = within ${formatDurationHours(report.warnWithinHours)})`;
  if (report.rows.length === 0) return `${summary}\n`;
  const cells = report.rows.map((row) => COLUMNS.map((column) => printable(column.cell(row))));
  const widths = COLUMNS.map((column, index) =>
    Math.max(displayWidth(column.title), ...cells.map((row) => displayWidth(row[index]))),
  );
  const pad = (text: string, index: number) =>
    index === COLUMNS.length - 1 ? text : text + " ".repeat(widths[index] - displayWidth(text));
  const line = (row: string[], status?: CertificateStatus) =>
    row
      .map((text, index) => {
        const padded = pad(text, index);
        return options.colour && status && index === STATUS_COLUMN
          ? `\u001b[${STATUS_COLOUR[status]}m${padded}\u001b[0m`
          : padded;
      })
      .join("  ");
  return [
    line(COLUMNS.map((column) => column.title)),
    ...cells.map((row, index) => line(row, report.rows[index].status)),
    "",
    summary,
    "",
  ].join("\n");
}
