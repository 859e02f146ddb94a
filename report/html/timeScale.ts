/**
 * The timeline's horizontal axis: which span of time the chart shows, where an instant falls on
 * it, and the dated ticks along it (days, weeks, months or years, whichever fit the span).
 */

const HOUR_MS = 3_600_000;
/** One day in milliseconds. */
export const DAY_MS = 24 * HOUR_MS;
/** Month names as the axis writes them, January first. */
export const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** A linear map from epoch milliseconds `[start, end]` to x coordinates `[left, right]`. */
export interface TimeScale {
  readonly start: number;
  readonly end: number;
  readonly left: number;
  readonly right: number;
}

/** One dated tick of the axis. */
export interface TimeTick {
  readonly time: number;
  readonly label: string;
}

/** The x coordinate of `time` (epoch milliseconds) on `scale`. */
export function xOf(scale: TimeScale, time: number): number {
  return (
    scale.left + ((time - scale.start) / (scale.end - scale.start)) * (scale.right - scale.left)
  );
}

/**
 * The span a chart of `times` (epoch milliseconds, finite) shows: all of them, with a margin of
 * 3% of the span (at least a day) on each side so no bar touches the edge. `undefined` for none.
 */
export function timeDomain(times: readonly number[]): { start: number; end: number } | undefined {
  if (times.length === 0) return undefined;
  // A loop, not Math.min(...times): 10,000 rows would be 40,000 arguments.
  let earliest = Infinity;
  let latest = -Infinity;
  for (const time of times) {
    earliest = Math.min(earliest, time);
    latest = Math.max(latest, time);
  }
  const margin = Math.max(DAY_MS, (latest - earliest) * 0.03);
  return { start: earliest - margin, end: latest + margin };
}

/** A tick interval: how to find the first tick at or after a time, and the next one. */
interface TickStep {
  /** Roughly how long one step is, to choose the step that gives a readable number of ticks. */
  readonly approxMs: number;
  readonly first: (time: number) => number;
  readonly next: (tick: number) => number;
  readonly label: (tick: number, previous: number | undefined) => string;
}

function dayStep(days: number): TickStep {
  // Weekly ticks fall on Mondays (4 days after the epoch, 1970-01-05, was one), the start of an
  // ISO week; daily ones on every `days`th day from the epoch.
  const anchor = days % 7 === 0 ? 4 * DAY_MS : 0;
  const stepMs = days * DAY_MS;
  return {
    approxMs: stepMs,
    first: (time) => anchor + Math.ceil((time - anchor) / stepMs) * stepMs,
    next: (tick) => tick + stepMs,
    label: (tick, previous) => {
      const date = new Date(tick);
      const dayMonth = `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]}`;
      return newYear(tick, previous) ? `${dayMonth} ${date.getUTCFullYear()}` : dayMonth;
    },
  };
}

function monthStep(months: number): TickStep {
  return {
    approxMs: months * 30.44 * DAY_MS,
    first: (time) => {
      const date = new Date(time);
      const year = date.getUTCFullYear();
      let month = Math.ceil(date.getUTCMonth() / months) * months;
      if (monthStart(year, month) < time) month += months;
      return monthStart(year, month);
    },
    next: (tick) => {
      const date = new Date(tick);
      return monthStart(date.getUTCFullYear(), date.getUTCMonth() + months);
    },
    label: (tick, previous) => {
      const date = new Date(tick);
      const month = MONTH_NAMES[date.getUTCMonth()];
      return newYear(tick, previous) ? `${month} ${date.getUTCFullYear()}` : month;
    },
  };
}

function yearStep(years: number): TickStep {
  return {
    approxMs: years * 365.25 * DAY_MS,
    first: (time) => {
      let year = Math.ceil(new Date(time).getUTCFullYear() / years) * years;
      if (monthStart(year, 0) < time) year += years;
      return monthStart(year, 0);
    },
    next: (tick) => monthStart(new Date(tick).getUTCFullYear() + years, 0),
    label: (tick) => String(new Date(tick).getUTCFullYear()),
  };
}

/**
 * Midnight UTC on the first of `month` (0-based, may overflow into the next years) of `year`.
 * Not `Date.UTC`, which reads the years 0 to 99 as 1900 to 1999.
 */
export function monthStart(year: number, month: number): number {
  return new Date(0).setUTCFullYear(year, month, 1);
}

/** Whether `tick` is the first tick or the first of a new year (so its label names the year). */
function newYear(tick: number, previous: number | undefined): boolean {
  return (
    previous === undefined ||
    new Date(previous).getUTCFullYear() !== new Date(tick).getUTCFullYear()
  );
}

/** A day as the page writes it: `1 Mar 2026` (UTC). */
export function dayLabel(time: number): string {
  const date = new Date(time);
  return `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** Every step the axis may use, shortest first. Years go as far as JavaScript dates do. */
const STEPS: readonly TickStep[] = [
  ...[1, 2, 7, 14].map(dayStep),
  ...[1, 2, 3, 6].map(monthStep),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000].map(
    yearStep,
  ),
];

/**
 * The ticks of `scale`: the shortest step that gives at most `maxTicks` ticks, so labels never
 * crowd (weeks for a span of a few months, months for a year or two, years beyond).
 */
export function timeTicks(scale: TimeScale, maxTicks: number): TimeTick[] {
  const span = scale.end - scale.start;
  const step = STEPS.find((candidate) => span / candidate.approxMs <= maxTicks) ?? STEPS.at(-1)!;
  const ticks: TimeTick[] = [];
  let previous: number | undefined;
  // Bounded: a step's approximate length can undercount a month or a leap year, never by 2 ticks.
  for (
    let tick = step.first(scale.start);
    tick <= scale.end && ticks.length <= maxTicks + 1;
    tick = step.next(tick)
  ) {
    ticks.push({ time: tick, label: step.label(tick, previous) });
    previous = tick;
  }
  return ticks;
}
