/**
 * The timeline's aggregate for large reports: rows counted by the calendar bucket their not-after
 * falls in (a day, an ISO week, a month, a quarter, a year or several years), per status.
 *
 * The bucket size is derived from the span, never configured: the shortest size of
 * {@link BUCKET_SIZES} that covers the span in at most {@link MAX_BUCKETS} buckets. The span runs
 * from the earliest to the latest of every readable not-after, the report's instant and the
 * `--warn-within` edge (instant + warn-within), so both marks always fall on the chart. Buckets
 * are half-open, `[start, end)` in UTC: a not-after at midnight on a Monday counts in the week that
 * starts then. Every bucket of the span is listed, empty ones too, so the bars sit on a continuous
 * time axis.
 */
import { STATUSES, type CertificateStatus, type ReportRow } from "../model";
import { epochOf } from "./cellText";
import { DAY_MS, MONTH_NAMES, monthStart } from "./timeScale";

/**
 * At most this many buckets (bars) on the chart: about 100, and enough that two years show per
 * week (105 weeks and a part) rather than per month, the resolution renewal waves need.
 */
export const MAX_BUCKETS = 110;

/** The latest (and, negated, earliest) instant a JavaScript date can hold, in epoch ms. */
const DATE_LIMIT_MS = 8.64e15;
const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch: weeks start on Mondays (ISO 8601). */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** A status as the histogram counts it: a known one, or `other` (a report from a newer format). */
export type BucketStatus = CertificateStatus | "other";

/** Every status the histogram counts, worst first: the order bars stack in, bottom up. */
export const BUCKET_STATUSES: readonly BucketStatus[] = [...STATUSES, "other"];

/** A calendar bucket size: how to find the bucket an instant falls in, and the next one. */
export interface BucketSize {
  /** `day`, `week`, `month`, `quarter`, `year`, or `5 years` and the like. */
  readonly name: string;
  /** The start of the bucket that holds `time`. */
  readonly floor: (time: number) => number;
  /** The start of the bucket after the one starting at `start`. */
  readonly next: (start: number) => number;
  /** How the page names the bucket starting at `start`: `week of 2027-01-04`, `Q1 2027`. */
  readonly label: (start: number) => string;
}

/** A date as ISO 8601 writes it, `2027-01-04` (UTC; years before 1000 padded, `0050-01-01`). */
export function isoDate(time: number): string {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, "0") : String(year);
  const two = (value: number) => String(value).padStart(2, "0");
  return `${yearText}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

const DAY: BucketSize = {
  name: "day",
  floor: (time) => Math.floor(time / DAY_MS) * DAY_MS,
  next: (start) => start + DAY_MS,
  label: isoDate,
};

const WEEK: BucketSize = {
  name: "week",
  floor: (time) => FIRST_MONDAY_MS + Math.floor((time - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS,
  next: (start) => start + WEEK_MS,
  label: (start) => `week of ${isoDate(start)}`,
};

/** Buckets of `months` calendar months (1 or 3), starting on January 1st. */
function monthsSize(months: 1 | 3): BucketSize {
  return {
    name: months === 1 ? "month" : "quarter",
    floor: (time) => {
      const date = new Date(time);
      return monthStart(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / months) * months);
    },
    // From the bucket's first month, so a start clamped to the earliest date stays aligned.
    next: (start) => {
      const date = new Date(start);
      return monthStart(
        date.getUTCFullYear(),
        Math.floor(date.getUTCMonth() / months) * months + months,
      );
    },
    label: (start) => {
      const date = new Date(start);
      const month = date.getUTCMonth();
      const year = date.getUTCFullYear();
      return months === 1
        ? `${MONTH_NAMES[month]} ${year}`
        : `Q${Math.floor(month / 3) + 1} ${year}`;
    },
  };
}

/** Buckets of `years` calendar years, starting on a year divisible by `years`. */
function yearsSize(years: number): BucketSize {
  return {
    name: years === 1 ? "year" : `${years} years`,
    floor: (time) => monthStart(Math.floor(new Date(time).getUTCFullYear() / years) * years, 0),
    next: (start) =>
      monthStart((Math.floor(new Date(start).getUTCFullYear() / years) + 1) * years, 0),
    label: (start) => {
      const year = new Date(start).getUTCFullYear();
      return years === 1 ? String(year) : `${year}–${year + years - 1}`;
    },
  };
}

/** Every bucket size, shortest first; the last covers the whole range of JavaScript dates. */
export const BUCKET_SIZES: readonly BucketSize[] = [
  DAY,
  WEEK,
  monthsSize(1),
  monthsSize(3),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000].map(
    yearsSize,
  ),
];

/** The start of `size`'s bucket holding `time`, kept within the dates JavaScript can hold. */
function floorOf(size: BucketSize, time: number): number {
  const start = size.floor(time);
  return Number.isFinite(start) ? start : -DATE_LIMIT_MS;
}

/** The end of `size`'s bucket starting at `start` (past the last date, one ms beyond it). */
function endOf(size: BucketSize, start: number): number {
  const end = size.next(start);
  return Number.isFinite(end) ? end : DATE_LIMIT_MS + 1;
}

/** The starts of `size`'s buckets from `earliest` to `latest`, or `undefined` past `limit`. */
function bucketStarts(
  size: BucketSize,
  earliest: number,
  latest: number,
  limit: number,
): number[] | undefined {
  const starts: number[] = [];
  // Bounded: at most `limit` + 1 steps, and each step moves forwards by a day or more.
  for (let start = floorOf(size, earliest); start <= latest; start = endOf(size, start)) {
    if (starts.length === limit) return undefined;
    starts.push(start);
  }
  return starts;
}

/** The shortest bucket size that covers `earliest` to `latest` in at most {@link MAX_BUCKETS}. */
export function bucketSizeFor(earliest: number, latest: number): BucketSize {
  return (
    BUCKET_SIZES.find((size) => bucketStarts(size, earliest, latest, MAX_BUCKETS) !== undefined) ??
    BUCKET_SIZES.at(-1)!
  );
}

/** One bar of the histogram: a bucket and how many rows' not-after fall in it, per status. */
export interface Bucket {
  /** Epoch ms, inclusive. */
  readonly start: number;
  /** Epoch ms, exclusive: the next bucket's start. */
  readonly end: number;
  readonly label: string;
  readonly counts: Readonly<Record<BucketStatus, number>>;
  readonly total: number;
}

/** The histogram of a report's rows. */
export interface Histogram {
  readonly size: BucketSize;
  readonly buckets: readonly Bucket[];
  /** The report's instant (epoch ms), when readable. */
  readonly generatedAt?: number;
  /** The `--warn-within` edge, generatedAt + warn-within, when both are readable. */
  readonly warnEdge?: number;
  /** Rows counted (a readable not-after). */
  readonly plotted: number;
}

/** The status a row is counted under. */
export function bucketStatusOf(status: string): BucketStatus {
  return (STATUSES as readonly string[]).includes(status) ? (status as CertificateStatus) : "other";
}

/** generatedAt + warnWithinHours, when both are readable and the sum is a date. */
export function warnEdgeOf(generatedAt: number | undefined, warnWithinHours: number) {
  if (generatedAt === undefined || !Number.isFinite(warnWithinHours) || warnWithinHours < 0) {
    return undefined;
  }
  const edge = generatedAt + warnWithinHours * HOUR_MS;
  return edge <= DATE_LIMIT_MS ? edge : undefined;
}

/**
 * The histogram of `rows`' not-after, at the report's instant `generatedAt` with `warnWithinHours`;
 * `undefined` when no row has a readable not-after.
 */
export function histogramOf(
  rows: readonly ReportRow[],
  generatedAt: number | undefined,
  warnWithinHours: number,
): Histogram | undefined {
  const placed: { time: number; status: BucketStatus }[] = [];
  for (const row of rows) {
    const time = epochOf(row.notAfter);
    if (time !== undefined) placed.push({ time, status: bucketStatusOf(row.status) });
  }
  if (placed.length === 0) return undefined;
  const warnEdge = warnEdgeOf(generatedAt, warnWithinHours);
  let earliest = Infinity;
  let latest = -Infinity;
  for (const time of [...placed.map((entry) => entry.time), generatedAt, warnEdge]) {
    if (time === undefined) continue;
    earliest = Math.min(earliest, time);
    latest = Math.max(latest, time);
  }
  const size = bucketSizeFor(earliest, latest);
  const starts = bucketStarts(size, earliest, latest, MAX_BUCKETS)!;
  const counts = starts.map(
    () =>
      Object.fromEntries(BUCKET_STATUSES.map((status) => [status, 0])) as Record<
        BucketStatus,
        number
      >,
  );
  for (const { time, status } of placed) {
    // The last bucket starting at or before `time` (binary search over the ≤ 100 starts).
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle] <= time) low = middle;
      else high = middle - 1;
    }
    counts[low][status] += 1;
  }
  const buckets = starts.map((start, index) => ({
    start,
    end: endOf(size, start),
    label: size.label(start),
    counts: counts[index],
    total: BUCKET_STATUSES.reduce((sum, status) => sum + counts[index][status], 0),
  }));
  return {
    size,
    buckets,
    plotted: placed.length,
    ...(generatedAt === undefined ? {} : { generatedAt }),
    ...(warnEdge === undefined ? {} : { warnEdge }),
  };
}
