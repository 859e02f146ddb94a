/**
 * The report as a table for people: one line per credential, soonest not-after first, then — when
 * a stack holds keys no certificate of it was issued for — a table of those keys, then a summary
 * line. Colour (the status cell only) is the caller's choice: ../output/colour decides it from the
 * terminal and NO_COLOR.
 */
import {
  STATUSES,
  type CertificateStatus,
  type KeyRow,
  type Report,
  type ReportRow,
} from "../model";
import { formatDurationHours } from "../duration";
import { keyRotationCounts, keyRotationText, reportKeys } from "../keyRotationText";
import { displayWidth, printable } from "./textWidth";

/** ANSI SGR colour per status (red, magenta, yellow, green). */
const STATUS_COLOUR: Record<CertificateStatus, string> = {
  expired: "31",
  "renewal due": "35",
  expiring: "33",
  ok: "32",
};

/** A table's column: a title and the cell of a row. */
interface Column<Row> {
  title: string;
  cell: (row: Row) => string;
}

/** The certificates' columns. */
const COLUMNS: readonly Column<ReportRow>[] = [
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
  { title: "KEY CREATED", cell: (row) => row.keyCreatedAt ?? "-" },
  { title: "KEY ROTATION", cell: (row) => keyRotationText(row) ?? "-" },
];

/** The columns of keys no certificate of their stack was issued for. */
const KEY_COLUMNS: readonly Column<KeyRow>[] = [
  { title: "KEY ROTATION", cell: (key) => keyRotationText(key) ?? "-" },
  { title: "KEY CREATED", cell: (key) => key.keyCreatedAt ?? "-" },
  { title: "STACK", cell: (key) => key.stack },
  { title: "NAME", cell: (key) => key.name },
  { title: "FINGERPRINT", cell: (key) => key.fingerprint ?? "-" },
];

const STATUS_COLUMN = 0;

/** Counts per status, worst first, e.g. `1 expired, 0 renewal due, 2 expiring, 4 ok`. */
export function statusCounts(rows: readonly ReportRow[]): string {
  return STATUSES.map(
    (status) => `${rows.filter((r) => r.status === status).length} ${status}`,
  ).join(", ");
}

/**
 * The lines of one table, aligned by terminal width (the last column is not padded); `colourOf`
 * gives a line's SGR colour for its first cell, if any.
 */
function tableLines<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  colourOf: (row: Row) => string | undefined,
): string[] {
  const cells = rows.map((row) => columns.map((column) => printable(column.cell(row))));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.title), ...cells.map((row) => displayWidth(row[index]))),
  );
  const pad = (text: string, index: number) =>
    index === columns.length - 1 ? text : text + " ".repeat(widths[index] - displayWidth(text));
  const line = (row: string[], colour?: string) =>
    row
      .map((text, index) => {
        const padded = pad(text, index);
        return colour && index === STATUS_COLUMN ? `\u001b[${colour}m${padded}\u001b[0m` : padded;
      })
      .join("  ");
  return [
    line(columns.map((column) => column.title)),
    ...cells.map((row, index) => line(row, colourOf(rows[index]))),
  ];
}

/** The summary's key part, when any key's rotation is known: `; keys: 1 rotation due, 2 scheduled`. */
function keySummary(report: Report): string {
  const keys = reportKeys(report);
  const counts = keyRotationCounts(keys);
  if (counts.due + counts.scheduled === 0) return "";
  return `; keys: ${counts.due} rotation due, ${counts.scheduled} scheduled`;
}

/** The table of `report` (ends with a line feed). */
export function renderTable(report: Report, options: { colour: boolean }): string {
  const stacks = report.sources.length;
  const summary =
    `${report.rows.length} certificate(s) and token(s) in ${stacks} stack(s) at ${report.generatedAt}: ` +
    `${statusCounts(report.rows)} (expiring = within ${formatDurationHours(report.warnWithinHours)})` +
    keySummary(report);
  const keys = report.keys ?? [];
  const certificates =
    report.rows.length === 0
      ? []
      : [
          ...tableLines(COLUMNS, report.rows, (row) =>
            options.colour ? STATUS_COLOUR[row.status] : undefined,
          ),
          "",
        ];
  const keyLines =
    keys.length === 0
      ? []
      : [
          "Keys with no certificate in their stack (signed elsewhere, e.g. by another stack):",
          ...tableLines(KEY_COLUMNS, keys, () => undefined),
          "",
        ];
  return [...certificates, ...keyLines, summary, ""].join("\n");
}
