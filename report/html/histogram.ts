/**
 * The timeline of a large report (more than timeline.ts's PER_ROW_LIMIT rows): a histogram of
 * not-after per bucket of time (histogramBuckets.ts), each bar stacked by status, worst at the
 * bottom, on the same dated axis as the per-row chart; the report's instant ("today") is a dashed
 * line and the `--warn-within` edge a dotted one, the span between them shaded; a `<details>` below
 * holds the same counts as a table, for screen readers and for copying.
 *
 * Hooks for tests and tools (stable): the chart is `svg#timeline[data-bucket]` (the bucket size)
 * with the same scale attributes as the per-row chart; each bucket a
 * `g.bucket[data-start][data-end][data-total]` (epoch ms, end exclusive) holding its `<title>` and
 * one `rect.span[data-status][data-count]` per status it has; the y scale is in `data-y-max` (the
 * count at the top of the plot) and `data-y-top`/`data-y-base` (its y in user units); the marks are
 * `g#today[data-time]` and `g#warn-edge[data-time]`; the table is `table#timeline-table`.
 *
 * Nothing from a report's text is drawn here (only counts and dates), and every text still passes
 * through escapeHtml.
 */
import type { Report } from "../model";
import { epochOf } from "./cellText";
import { escapeHtml } from "./escape";
import {
  BUCKET_STATUSES,
  histogramOf,
  type Bucket,
  type BucketStatus,
  type Histogram,
} from "./histogramBuckets";
import { STATUS_COLOURS, statusClass } from "./statusStyle";
import { spanAttributes, unit } from "./svgUnits";
import { renderAxis, scaleAttributes } from "./timelineAxis";
import { dayLabel, timeTicks, xOf, type TimeScale } from "./timeScale";

/** The histogram's geometry, in SVG user units (pixels at full size). */
const LAYOUT = {
  width: 1200,
  /** Left of the plot: the counts of the y axis. */
  left: 64,
  rightMargin: 28,
  /** Above the plot: the chart's title and the warn-within label. */
  top: 40,
  plot: 240,
  bottomMargin: 10,
  tickSpacing: 84,
  /** At most this many counts on the y axis. */
  maxCountTicks: 5,
} as const;

/** `1 certificate or token` / `3 certificates and tokens`. */
function rowsText(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "certificate or token" : "certificates and tokens"}`;
}

/** A status as the page names it (`other`: a status this page does not know). */
function statusCssClass(status: BucketStatus): string {
  return statusClass(status === "other" ? "" : status);
}

/** What a bucket's tooltip says: `week of 2027-01-04: 312 certificates and tokens, 12 expired, …`. */
export function bucketText(bucket: Bucket): string {
  const parts = BUCKET_STATUSES.filter((status) => bucket.counts[status] > 0).map(
    (status) => `${bucket.counts[status].toLocaleString("en-US")} ${status}`,
  );
  return [`${bucket.label}: ${rowsText(bucket.total)}`, ...parts].join(", ");
}

/**
 * The count at the top of the y axis and the step between its ticks: the smallest 1, 2 or 5 × 10ⁿ
 * step with at most {@link LAYOUT.maxCountTicks} steps up to a multiple of it at or above `most`.
 */
export function countScale(most: number): { max: number; step: number } {
  // Bounded: the step grows tenfold every three tries, and `most` is a count of rows.
  for (let power = 1; power < 1e15; power *= 10) {
    for (const step of [power, 2 * power, 5 * power]) {
      const steps = Math.max(1, Math.ceil(most / step));
      if (steps <= LAYOUT.maxCountTicks) return { max: steps * step, step };
    }
  }
  return { max: most, step: most };
}

/** A bucket's bar: one rect per status it has, stacked worst first from the baseline. */
function renderBucket(bucket: Bucket, scale: TimeScale, yOf: (count: number) => number): string {
  const geometry = spanAttributes(xOf(scale, bucket.start), xOf(scale, bucket.end));
  const rects: string[] = [];
  let below = 0;
  for (const status of BUCKET_STATUSES) {
    const count = bucket.counts[status];
    if (count === 0) continue;
    // From the rounded tops of the stack so far, so segments touch without gaps or overlaps.
    const bottom = Number(unit(yOf(below)));
    const top = Number(unit(yOf(below + count)));
    rects.push(
      `<rect class="span ${statusCssClass(status)}" data-status="${escapeHtml(status)}" data-count="${count}" ${geometry} y="${top}" height="${Number(unit(bottom - top))}"/>`,
    );
    below += count;
  }
  return `<g class="bucket" data-start="${bucket.start}" data-end="${bucket.end}" data-total="${bucket.total}"><title>${escapeHtml(bucketText(bucket))}</title>${rects.join("")}</g>`;
}

/** A vertical mark across the plot at `time`, in its own group. */
function renderMark(
  id: string,
  time: number,
  scale: TimeScale,
  line: { readonly className: string; readonly attributes: string },
  height: number,
): string {
  const x = unit(xOf(scale, time));
  return `<g class="${line.className}" id="${id}" data-time="${time}"><line x1="${x}" x2="${x}" y1="${LAYOUT.top - 14}" y2="${unit(height)}"${line.attributes}/></g>`;
}

/** The counts as a table: one line per bucket with any row, each status a column. */
function renderTable(histogram: Histogram): string {
  const statuses = BUCKET_STATUSES.filter(
    (status) => status !== "other" || histogram.buckets.some((bucket) => bucket.counts.other > 0),
  );
  const filled = histogram.buckets.filter((bucket) => bucket.total > 0);
  const head = [
    `<th scope="col">${escapeHtml(histogram.size.name)}</th>`,
    `<th scope="col" class="num">total</th>`,
    ...statuses.map((status) => `<th scope="col" class="num">${escapeHtml(status)}</th>`),
  ].join("");
  const lines = filled.map(
    (bucket) =>
      `<tr><th scope="row"><time datetime="${escapeHtml(new Date(bucket.start).toISOString())}">${escapeHtml(bucket.label)}</time></th><td class="num">${bucket.total}</td>${statuses.map((status) => `<td class="num">${bucket.counts[status]}</td>`).join("")}</tr>`,
  );
  return `<details id="timeline-details"><summary>The chart as a table: ${escapeHtml(rowsText(histogram.plotted))} per ${escapeHtml(histogram.size.name)} of not-after (${filled.length} of ${histogram.buckets.length} bars with any)</summary>
<table id="timeline-table"><thead><tr>${head}</tr></thead><tbody>
${lines.join("\n")}
</tbody></table></details>`;
}

/** The axis, the histogram and its table, for `report`; empty when no not-after is readable. */
export function renderHistogram(report: Report): string {
  const generatedAt = epochOf(report.generatedAt);
  const histogram = histogramOf(report.rows, generatedAt, report.warnWithinHours);
  if (histogram === undefined) return "";
  const { buckets, warnEdge } = histogram;
  const scale: TimeScale = {
    start: buckets[0].start,
    end: buckets.at(-1)!.end,
    left: LAYOUT.left,
    right: LAYOUT.width - LAYOUT.rightMargin,
  };
  const ticks = timeTicks(scale, Math.floor((scale.right - scale.left) / LAYOUT.tickSpacing));
  const base = LAYOUT.top + LAYOUT.plot;
  const height = base + LAYOUT.bottomMargin;
  const most = Math.max(...buckets.map((bucket) => bucket.total));
  const counts = countScale(most);
  const yOf = (count: number) => base - (count / counts.max) * LAYOUT.plot;

  const parts: string[] = [];
  if (generatedAt !== undefined && warnEdge !== undefined && warnEdge > generatedAt) {
    parts.push(
      `<rect class="band" id="warn-span" ${spanAttributes(xOf(scale, generatedAt), xOf(scale, warnEdge))} y="${LAYOUT.top}" height="${LAYOUT.plot}"/>`,
    );
  }
  for (const tick of ticks) {
    const x = unit(xOf(scale, tick.time));
    parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${LAYOUT.top}" y2="${base}"/>`);
  }
  // Bounded: at most LAYOUT.maxCountTicks + 1 lines.
  for (let count = 0; count <= counts.max; count += counts.step) {
    const y = unit(yOf(count));
    parts.push(
      `<line class="grid" x1="${scale.left}" x2="${scale.right}" y1="${y}" y2="${y}"/><text class="tick count" x="${scale.left - 24}" y="${unit(yOf(count) + 4)}">${count.toLocaleString("en-US")}</text>`,
    );
  }
  parts.push(
    ...buckets.filter((bucket) => bucket.total > 0).map((b) => renderBucket(b, scale, yOf)),
  );
  parts.push(
    `<line class="axis-line" x1="${scale.left}" x2="${scale.right}" y1="${base}" y2="${base}"/>`,
  );
  if (warnEdge !== undefined) {
    parts.push(
      renderMark(
        "warn-edge",
        warnEdge,
        scale,
        {
          className: "warn-edge",
          attributes: ` stroke="${STATUS_COLOURS.expiring}" stroke-width="2" stroke-dasharray="2 2"`,
        },
        base,
      ),
    );
    const x = xOf(scale, warnEdge);
    const anchor = x > scale.right - 200 ? "end" : "start";
    parts.push(
      `<text class="warn-label" x="${unit(x + (anchor === "end" ? -4 : 4))}" y="${LAYOUT.top - 4}" text-anchor="${anchor}" fill="${STATUS_COLOURS.expiring}">warn-within edge · ${escapeHtml(dayLabel(warnEdge))}</text>`,
    );
  }
  if (generatedAt !== undefined) {
    parts.push(
      renderMark("today", generatedAt, scale, { className: "today", attributes: "" }, base),
    );
  }
  const per = histogram.size.name;
  const title = `${rowsText(histogram.plotted)} by the ${per} their not-after falls in, coloured by status`;
  const axis = renderAxis({ scale, ticks, width: LAYOUT.width, title: "", generatedAt });
  const chart = `<svg class="plot" id="timeline" xmlns="http://www.w3.org/2000/svg" width="${LAYOUT.width}" height="${height}" viewBox="0 0 ${LAYOUT.width} ${height}" ${scaleAttributes(scale)} data-bucket="${escapeHtml(per)}" data-y-max="${counts.max}" data-y-top="${LAYOUT.top}" data-y-base="${base}" role="img" aria-label="${escapeHtml(`Histogram of ${title}, from ${buckets[0].label} to ${buckets.at(-1)!.label}; the table below the chart lists the counts`)}">
<text class="axis-title" x="8" y="14">${escapeHtml(`certificates and tokens per ${per} of not-after`)}</text>
${parts.join("\n")}
</svg>`;
  return `${axis}\n${chart}\n${renderTable(histogram)}`;
}
