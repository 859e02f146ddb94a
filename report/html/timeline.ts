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
 * Lean on purpose (10,000 rows make 10,000 bars): colours come from classes, coordinates are
 * rounded to a tenth of a unit, and a bar is a handful of short elements.
 */
import type { Report, ReportRow } from "../model";
import { daysLeftText, epochOf, truncate } from "./cellText";
import { escapeHtml } from "./escape";
import { statusClass } from "./statusStyle";
import { dayLabel, timeDomain, timeTicks, xOf, type TimeScale } from "./timeScale";

/** The chart's geometry, in SVG user units (pixels at full size). */
const LAYOUT = {
  width: 1200,
  /** Left of the plot: the stack and row names. */
  labelWidth: 260,
  rightMargin: 28,
  axisHeight: 44,
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
  /** The axis and chart SVGs; empty when no row has a readable not-after. */
  readonly svg: string;
  /** Rows left off the chart (not-after unreadable); they are in the table. */
  readonly unplotted: number;
}

/** Rounds a coordinate to a tenth of a unit: enough for any screen, and short to write. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A coordinate as written. */
function unit(value: number): string {
  return String(round(value));
}

/** `x` and `width` of a span from `left` to `right`, rounded so that x + width is `right` rounded. */
function spanAttributes(left: number, right: number): string {
  const x = round(left);
  return `x="${x}" width="${round(round(right) - x)}"`;
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

/** The axis, the chart, and how many rows could not be placed on it. */
export function renderTimeline(report: Report): Timeline {
  const { groups, unplotted } = groupByStack(report.rows);
  const generatedAt = epochOf(report.generatedAt);
  const domain = timeDomain(instantsOf(groups, generatedAt));
  if (groups.length === 0 || domain === undefined) return { svg: "", unplotted };

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
  const tickLabels = ticks
    .map(
      (tick) =>
        `<text class="tick" x="${unit(xOf(scale, tick.time))}" y="${LAYOUT.axisHeight - 8}">${escapeHtml(tick.label)}</text>`,
    )
    .join("");
  const scaleAttributes = `data-time-start="${scale.start}" data-time-end="${scale.end}" data-x-start="${scale.left}" data-x-end="${scale.right}"`;

  let todayLabel = "";
  let todayLine = "";
  if (generatedAt !== undefined) {
    const x = xOf(scale, generatedAt);
    // Near the right edge the label reads leftwards from the line so it is not cut off.
    const anchor = x > scale.right - 120 ? "end" : "start";
    const offset = anchor === "end" ? -4 : 4;
    todayLabel = `<text class="today-label" x="${unit(x + offset)}" y="14" text-anchor="${anchor}">today · ${escapeHtml(dayLabel(generatedAt))}</text><line class="today-tick" x1="${unit(x)}" x2="${unit(x)}" y1="18" y2="${LAYOUT.axisHeight}"/>`;
    todayLine = `<g class="today" id="today" data-time="${generatedAt}"><line x1="${unit(x)}" x2="${unit(x)}" y1="0" y2="${unit(height)}"/></g>`;
  }

  const axis = `<svg class="axis" id="timeline-axis" xmlns="http://www.w3.org/2000/svg" width="${LAYOUT.width}" height="${LAYOUT.axisHeight}" viewBox="0 0 ${LAYOUT.width} ${LAYOUT.axisHeight}" ${scaleAttributes} aria-hidden="true">
<text class="axis-title" x="8" y="${LAYOUT.axisHeight - 8}">stack / name</text>
<line class="axis-line" x1="${scale.left}" x2="${scale.right}" y1="${LAYOUT.axisHeight - 0.5}" y2="${LAYOUT.axisHeight - 0.5}"/>
${tickLabels}
${todayLabel}
</svg>`;
  const chart = `<svg class="plot" id="timeline" xmlns="http://www.w3.org/2000/svg" width="${LAYOUT.width}" height="${unit(height)}" viewBox="0 0 ${LAYOUT.width} ${unit(height)}" ${scaleAttributes} role="img" aria-label="Timeline of ${report.rows.length - unplotted} certificates and tokens by stack, from not-before to not-after">
<defs><pattern id="renewal-window" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="5" fill="#fff" fill-opacity=".8"/></pattern><linearGradient id="fade-in"><stop offset="0" stop-color="#fff" stop-opacity=".15"/><stop offset=".3" stop-color="#fff"/></linearGradient><mask id="open-start" maskContentUnits="objectBoundingBox"><rect width="1" height="1" fill="url(#fade-in)"/></mask></defs>
${bands.join("")}
${grid}
${rendered.join("\n")}
${todayLine}
</svg>`;
  return { svg: `${axis}\n${chart}`, unplotted };
}
