/**
 * Puts exports together into one {@link Report}: every row with its status at the report's instant,
 * sorted by not-after (soonest first; ties by stack, then URN, so the order never depends on the
 * order the stacks were read in).
 */
import { formatInstant } from "../provider/core/instant";
import { keyFactsAt, type StateKeyFacts } from "./keys";
import { REPORT_FORMAT_VERSION, type KeyRow, type Report, type ReportRow } from "./model";
import { rowsOfExport, type StateKey, type StateRow } from "./rows";
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

/** The key fields of state (`keyFacts`), taken out of a state row or key, and the rest. */
function splitKeyFacts<T extends StateKeyFacts>(
  state: T,
): { facts: StateKeyFacts; rest: Omit<T, keyof StateKeyFacts> } {
  const { keyCreatedAt, keyRotateAfterHours, keyRotationDue, keyAgeSecret, ...rest } = state;
  return { facts: { keyCreatedAt, keyRotateAfterHours, keyRotationDue, keyAgeSecret }, rest };
}

/** The row of `state` at the report's instant (the key's fields last, after the status). */
function rowAt(state: StateRow, at: Date, warnWithinHours: number): ReportRow {
  const atMs = at.getTime();
  const { facts, rest } = splitKeyFacts(state);
  const { notAfterMs, renewalStartMs, keyUrn, ...row } = rest;
  return {
    ...row,
    daysLeft: daysLeft(notAfterMs, atMs),
    status: statusAt({ notAfterMs, renewalStartMs, atMs, warnWithinHours }),
    ...(keyUrn === undefined ? {} : { keyUrn, ...keyFactsAt(facts, at) }),
  };
}

/** The key of `state` at the report's instant. */
function keyAt(state: StateKey, at: Date): KeyRow {
  const { facts, rest } = splitKeyFacts(state);
  return { ...rest, ...keyFactsAt(facts, at) };
}

/**
 * Keys by when they rotate: due with no known instant (unknown age) first, then by rotation
 * instant, then keys whose age is secret, then keys that never rotate; ties by stack, then URN.
 */
function rotationRank(key: KeyRow): number {
  if (key.keyRotationDue !== undefined) return Date.parse(key.keyRotationDue);
  if (key.keyRotation === "due") return -Infinity;
  return key.keyRotateAfterHours === undefined ? Infinity : Number.MAX_VALUE;
}

const byRotation = (a: KeyRow, b: KeyRow): number =>
  rotationRank(a) - rotationRank(b) || compareText(a.stack, b.stack) || compareText(a.urn, b.urn);

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
  const rows: ReportRow[] = [];
  const keys: KeyRow[] = [];
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
      rows.push(rowAt(row, options.at, options.warnWithinHours));
    }
    for (const key of found.keys) {
      // Read twice, a key repeats silently: its stack's rows already carry the warning.
      const id = `${key.stack}\n${key.urn}`;
      if (seen.has(id)) continue;
      seen.add(id);
      keys.push(keyAt(key, options.at));
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
      ...(keys.length === 0 ? {} : { keys: keys.sort(byRotation) }),
    },
    warnings,
  };
}
