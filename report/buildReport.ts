/**
 * Puts exports together into one {@link Report}: every row with its status at the report's instant,
 * sorted by not-after (soonest first; ties by stack, then URN, so the order never depends on the
 * order the stacks were read in).
 */
import { formatInstant } from "../provider/core/instant";
import { REPORT_FORMAT_VERSION, type Report, type ReportRow } from "./model";
import { rowsOfExport, type StateRow } from "./rows";
import type { StackExport } from "./stackExport";
import { daysLeft, statusAt } from "./status";

/** What a report is computed for. */
export interface ReportOptions {
  /** The instant statuses are computed at. */
  at: Date;
  /** `--warn-within`, in hours. */
  warnWithinHours: number;
}

/** A report, and a warning per credential that could not be reported. */
export interface BuiltReport {
  report: Report;
  warnings: string[];
}

/** The row of `state` at the report's instant. */
function rowAt(state: StateRow, atMs: number, warnWithinHours: number): ReportRow {
  const { notAfterMs, renewalStartMs, ...row } = state;
  return {
    ...row,
    daysLeft: daysLeft(notAfterMs, atMs),
    status: statusAt({ notAfterMs, renewalStartMs, atMs, warnWithinHours }),
  };
}

const byNotAfter = (a: ReportRow, b: ReportRow): number =>
  a.notAfter < b.notAfter
    ? -1
    : a.notAfter > b.notAfter
      ? 1
      : compareText(a.stack, b.stack) || compareText(a.urn, b.urn);

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The report of `stackExports` at `options.at`. */
export function buildReport(stackExports: StackExport[], options: ReportOptions): BuiltReport {
  const atMs = options.at.getTime();
  const rows: ReportRow[] = [];
  const warnings: string[] = [];
  // A stack read twice (a file and --stack, or two exports of it) would repeat its rows, and
  // Prometheus refuses a repeated series: the first reading of a resource wins.
  const seen = new Set<string>();
  const sources = stackExports.map((exported) => {
    const found = rowsOfExport(exported);
    for (const row of found.rows) {
      const key = `${row.stack}\n${row.urn}`;
      if (seen.has(key)) {
        warnings.push(
          `${row.stack}: ${row.urn} was read twice; ${exported.from}'s copy is left out`,
        );
        continue;
      }
      seen.add(key);
      rows.push(rowAt(row, atMs, options.warnWithinHours));
    }
    warnings.push(...found.warnings);
    return { stack: exported.stack, from: exported.from, rows: found.rows.length };
  });
  return {
    report: {
      formatVersion: REPORT_FORMAT_VERSION,
      generatedAt: formatInstant(options.at),
      warnWithinHours: options.warnWithinHours,
      sources,
      rows: rows.sort(byNotAfter),
    },
    warnings,
  };
}
