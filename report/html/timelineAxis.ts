/**
 * The timeline's axis: its own SVG above the chart (so the page can keep it in view while a long
 * chart scrolls), with the dated ticks, an optional title at the left, and the "today" label at
 * the report's instant. The per-row chart (timeline.ts) and the histogram (histogram.ts) share it.
 */
import { escapeHtml } from "./escape";
import { unit } from "./svgUnits";
import { dayLabel, xOf, type TimeScale, type TimeTick } from "./timeScale";

/** The axis's height, in user units. */
export const AXIS_HEIGHT = 44;

/** The attributes that expose a chart's scale to tests and tools (epoch ms → user units). */
export function scaleAttributes(scale: TimeScale): string {
  return `data-time-start="${scale.start}" data-time-end="${scale.end}" data-x-start="${scale.left}" data-x-end="${scale.right}"`;
}

/** The axis SVG, `width` units wide: its title (when given), ticks and today label. */
export function renderAxis(options: {
  readonly scale: TimeScale;
  readonly ticks: readonly TimeTick[];
  readonly width: number;
  readonly title: string;
  readonly generatedAt: number | undefined;
}): string {
  const { scale, ticks, width, title, generatedAt } = options;
  const tickLabels = ticks
    .map(
      (tick) =>
        `<text class="tick" x="${unit(xOf(scale, tick.time))}" y="${AXIS_HEIGHT - 8}">${escapeHtml(tick.label)}</text>`,
    )
    .join("");
  let todayLabel = "";
  if (generatedAt !== undefined) {
    const x = xOf(scale, generatedAt);
    // Near the right edge the label reads leftwards from the line so it is not cut off.
    const anchor = x > scale.right - 120 ? "end" : "start";
    const offset = anchor === "end" ? -4 : 4;
    todayLabel = `<text class="today-label" x="${unit(x + offset)}" y="14" text-anchor="${anchor}">today · ${escapeHtml(dayLabel(generatedAt))}</text><line class="today-tick" x1="${unit(x)}" x2="${unit(x)}" y1="18" y2="${AXIS_HEIGHT}"/>`;
  }
  const titleText =
    title === ""
      ? ""
      : `<text class="axis-title" x="8" y="${AXIS_HEIGHT - 8}">${escapeHtml(title)}</text>\n`;
  return `<svg class="axis" id="timeline-axis" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${AXIS_HEIGHT}" viewBox="0 0 ${width} ${AXIS_HEIGHT}" ${scaleAttributes(scale)} aria-hidden="true">
${titleText}<line class="axis-line" x1="${scale.left}" x2="${scale.right}" y1="${AXIS_HEIGHT - 0.5}" y2="${AXIS_HEIGHT - 0.5}"/>
${tickLabels}
${todayLabel}
</svg>`;
}
