/**
 * The timeline chart: two inline SVGs on one horizontal scale. The axis (dated ticks and the
 * "today" label) is its own SVG so the page can keep it in view while a long chart scrolls; the
 * chart below holds, per stack, a group with the stack's name and one bar per row from not-before
 * to not-after, its renewal window (renewalWindowStart to notAfter) hatched, and a dashed line at
 * the report's `generatedAt`.
 *
 * Hooks for tests and tools (stable): the chart is `svg#timeline`, with its scale in
 * `data-time-start`/`data-time-end` (epoch ms) mapped to `data-x-start`/`data-x-end` (user units);
 * each stack is a `g.group[data-stack]`; each row a `g.bar[data-urn][data-status]` holding a
 * `rect.span` (the validity), a `rect.win` when it has a renewal window, and a `path.open` when it
 * has no readable not-before (its bar then starts at the chart's left edge, fading in, behind a
 * left-pointing arrowhead, and its span carries `mask`); the today line is
 * `g#today[data-time]`.
 *
 * Exact for small reports, aggregate for large ones: with more than {@link PER_ROW_LIMIT} rows on
 * the chart, one bar per row would be taller than anyone reads (10,000 rows: 180,000 units) and
 * slow to lay out, so the chart becomes a histogram of not-after per day, week, month… coloured by
 * status (histogram.ts), with the same axis, today line and `svg#timeline` scale hooks.
 *
 * Lean on purpose: colours come from classes, coordinates are rounded to a tenth of a unit, and a
 * bar is a handful of short elements.
 */
import type { Report, ReportRow } from "../model";
import { daysLeftText, epochOf, truncate } from "./cellText";
import { escapeHtml } from "./escape";
import { renderHistogram } from "./histogram";
import { statusClass } from "./statusStyle";
import { spanAttributes, unit } from "./svgUnits";
import { renderAxis, scaleAttributes } from "./timelineAxis";
import { timeDomain, timeTicks, xOf, type TimeScale } from "./timeScale";

/**
 * The most rows the chart draws one bar each for; above it, the histogram. 200 bars make a chart
 * about 4,000 units tall (a few screens, still read row by row), and lay out in milliseconds.
 */
export const PER_ROW_LIMIT = 200;

/** The chart's geometry, in SVG user units (pixels at full size). */
const LAYOUT = {
  width: 1200,
  /** Left of the plot: the stack and row names. */
  labelWidth: 260,
  rightMargin: 28,
  groupHeading: 22,
  row: 18,
  bar: 10,
  groupGap: 8,
  bottomMargin: 10,
  /** At most one tick per this many units, so tick labels never touch. */
  tickSpacing: 84,
  minBarWidth: 2,
  stackLabelChars: 38,
  nameLabelChars: 36,
} as const;

/** A row placed on the chart: its readable times. */
interface PlacedRow {
  readonly row: ReportRow;
  readonly notBefore?: number;
  readonly notAfter: number;
  readonly windowStart?: number;
}

/** A stack's rows, in report order. */
interface StackGroup {
  readonly stack: string;
  readonly rows: PlacedRow[];
}

/** The chart's parts, or why there is none. */
export interface Timeline {
  /**
   * The axis and chart SVGs (and, for the histogram, its table); empty when no row has a readable
   * not-after.
   */
  readonly svg: string;
  /** Rows left off the chart (not-after unreadable); they are in the table. */
  readonly unplotted: number;
  /** `rows`: one bar per row; `histogram`: rows counted per time bucket and status. */
  readonly kind: "rows" | "histogram";
}

/** The stacks of the placeable rows, in the order their first row appears (soonest not-after). */
function groupByStack(rows: readonly ReportRow[]): { groups: StackGroup[]; unplotted: number } {
  const groups = new Map<string, StackGroup>();
  let unplotted = 0;
  for (const row of rows) {
    const notAfter = epochOf(row.notAfter);
    if (notAfter === undefined) {
      unplotted += 1;
      continue;
    }
    let group = groups.get(row.stack);
    if (group === undefined) {
      group = { stack: row.stack, rows: [] };
      groups.set(row.stack, group);
    }
    group.rows.push({
      row,
      notAfter,
      notBefore: epochOf(row.notBefore),
      windowStart: epochOf(row.renewalWindowStart),
    });
  }
  return { groups: [...groups.values()], unplotted };
}

/** Every instant the chart must show: validity ends and starts, windows, and the report's time. */
function instantsOf(groups: readonly StackGroup[], generatedAt: number | undefined): number[] {
  const instants = generatedAt === undefined ? [] : [generatedAt];
  for (const group of groups) {
    for (const placed of group.rows) {
      instants.push(placed.notAfter);
      if (placed.notBefore !== undefined) instants.push(placed.notBefore);
      if (placed.windowStart !== undefined) instants.push(placed.windowStart);
    }
  }
  return instants;
}

/** The text of a bar's tooltip. */
function tooltip(row: ReportRow): string {
  return [
    `${row.name} (${row.type})`,
    `subject: ${row.subject}`,
    `not after: ${row.notAfter}`,
    `days left: ${daysLeftText(row.daysLeft)}`,
    `status: ${row.status}`,
  ].join("\n");
}

/** One row's bar: validity span, renewal window, open-start marker, label and tooltip. */
function renderBar(placed: PlacedRow, scale: TimeScale, top: number): string {
  const { row } = placed;
  const barTop = top + (LAYOUT.row - LAYOUT.bar) / 2;
  const end = xOf(scale, placed.notAfter);
  const start = Math.min(
    placed.notBefore === undefined ? scale.left : xOf(scale, placed.notBefore),
    end - LAYOUT.minBarWidth,
  );
  const geometry = `y="${unit(barTop)}" height="${LAYOUT.bar}"`;
  // No not-before: the bar runs in from the left edge, fading in, behind an arrowhead.
  const openStart = placed.notBefore === undefined ? ` mask="url(#open-start)"` : "";
  const parts = [
    `<title>${escapeHtml(tooltip(row))}</title>`,
    `<text class="name" x="20" y="${unit(top + 13)}">${escapeHtml(truncate(row.name, LAYOUT.nameLabelChars))}</text>`,
    `<rect class="span ${statusClass(row.status)}" ${spanAttributes(start, end)} ${geometry} rx="2"${openStart}/>`,
  ];
  if (placed.windowStart !== undefined && placed.windowStart < placed.notAfter) {
    const windowStart = Math.max(start, xOf(scale, placed.windowStart));
    parts.push(`<rect class="win" ${spanAttributes(windowStart, end)} ${geometry}/>`);
  }
  if (placed.notBefore === undefined) {
    const middle = barTop + LAYOUT.bar / 2;
    parts.push(`<path class="open" d="M${unit(start - 1)} ${unit(middle)}l7-6v12z"/>`);
  }
  return `<g class="bar" data-urn="${escapeHtml(row.urn)}" data-status="${escapeHtml(row.status)}">${parts.join("")}</g>`;
}

/** A group's heading: the stack's name, cut to fit, with the whole name as its tooltip if cut. */
function stackLabel(stack: string, top: number): string {
  const shown = truncate(stack, LAYOUT.stackLabelChars);
  const text = `<text class="stack" x="8" y="${unit(top + 15)}">${escapeHtml(shown)}</text>`;
  return shown === stack ? text : `<g><title>${escapeHtml(stack)}</title>${text}</g>`;
}

/**
 * The axis, the chart, and how many rows could not be placed on it: one bar per row for at most
 * {@link PER_ROW_LIMIT} rows with a readable not-after, else the histogram.
 */
export function renderTimeline(report: Report): Timeline {
  let plotted = 0;
  for (const row of report.rows) if (epochOf(row.notAfter) !== undefined) plotted += 1;
  if (plotted > PER_ROW_LIMIT) {
    return {
      svg: renderHistogram(report),
      unplotted: report.rows.length - plotted,
      kind: "histogram",
    };
  }
  return renderRowTimeline(report);
}

/** One bar per row, grouped by stack. */
function renderRowTimeline(report: Report): Timeline {
  const { groups, unplotted } = groupByStack(report.rows);
  const generatedAt = epochOf(report.generatedAt);
  const domain = timeDomain(instantsOf(groups, generatedAt));
  if (groups.length === 0 || domain === undefined) return { svg: "", unplotted, kind: "rows" };

  const scale: TimeScale = {
    ...domain,
    left: LAYOUT.labelWidth,
    right: LAYOUT.width - LAYOUT.rightMargin,
  };
  const ticks = timeTicks(scale, Math.floor((scale.right - scale.left) / LAYOUT.tickSpacing));

  const bands: string[] = [];
  const rendered: string[] = [];
  let top = LAYOUT.groupGap / 2;
  groups.forEach((group, index) => {
    const height = LAYOUT.groupHeading + group.rows.length * LAYOUT.row;
    if (index % 2 === 1) {
      bands.push(
        `<rect class="band" x="0" y="${unit(top - LAYOUT.groupGap / 2)}" width="${LAYOUT.width}" height="${unit(height + LAYOUT.groupGap)}"/>`,
      );
    }
    const bars = group.rows.map((placed, position) =>
      renderBar(placed, scale, top + LAYOUT.groupHeading + position * LAYOUT.row),
    );
    rendered.push(
      `<g class="group" data-stack="${escapeHtml(group.stack)}">${stackLabel(group.stack, top)}\n${bars.join("\n")}\n</g>`,
    );
    top += height + LAYOUT.groupGap;
  });
  const height = top - LAYOUT.groupGap / 2 + LAYOUT.bottomMargin;

  const grid = ticks
    .map((tick) => {
      const x = unit(xOf(scale, tick.time));
      return `<line class="grid" x1="${x}" x2="${x}" y1="0" y2="${unit(height)}"/>`;
    })
    .join("");
  let todayLine = "";
  if (generatedAt !== undefined) {
    const x = unit(xOf(scale, generatedAt));
    todayLine = `<g class="today" id="today" data-time="${generatedAt}"><line x1="${x}" x2="${x}" y1="0" y2="${unit(height)}"/></g>`;
  }
  const axis = renderAxis({
    scale,
    ticks,
    width: LAYOUT.width,
    title: "stack / name",
    generatedAt,
  });
  const chart = `<svg class="plot" id="timeline" xmlns="http://www.w3.org/2000/svg" width="${LAYOUT.width}" height="${unit(height)}" viewBox="0 0 ${LAYOUT.width} ${unit(height)}" ${scaleAttributes(scale)} role="img" aria-label="Timeline of ${report.rows.length - unplotted} certificates and tokens by stack, from not-before to not-after">
<defs><pattern id="renewal-window" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="5" fill="#fff" fill-opacity=".8"/></pattern><linearGradient id="fade-in"><stop offset="0" stop-color="#fff" stop-opacity=".15"/><stop offset=".3" stop-color="#fff"/></linearGradient><mask id="open-start" maskContentUnits="objectBoundingBox"><rect width="1" height="1" fill="url(#fade-in)"/></mask></defs>
${bands.join("")}
${grid}
${rendered.join("\n")}
${todayLine}
</svg>`;
  return { svg: `${axis}\n${chart}`, unplotted, kind: "rows" };
}
