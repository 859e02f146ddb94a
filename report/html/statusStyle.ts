/**
 * How each status looks: one CSS class and one colour per status, from the Okabe–Ito palette
 * (distinguishable with every common colour-vision deficiency). The chart, the legend and the
 * table's badges all use these classes, so a status has one colour everywhere.
 */
import { STATUSES, type CertificateStatus } from "../model";

/** Each status's colour, worst first. */
export const STATUS_COLOURS: Readonly<Record<CertificateStatus, string>> = {
  expired: "#d55e00", // vermillion
  "renewal due": "#e69f00", // orange
  expiring: "#cc79a7", // reddish purple
  ok: "#0072b2", // blue
};

/** The colour of a status no renderer knows (a report from a newer format). */
export const UNKNOWN_STATUS_COLOUR = "#7f7f7f";

/** The CSS class of `status`: `s-renewal-due` for `renewal due`; `s-unknown` for any other text. */
export function statusClass(status: string): string {
  return (STATUSES as readonly string[]).includes(status)
    ? `s-${status.replace(/ /g, "-")}`
    : "s-unknown";
}

/** The rank of `status` in sort order, worst first; any other text after the known ones. */
export function statusRank(status: string): number {
  const rank = (STATUSES as readonly string[]).indexOf(status);
  return rank === -1 ? STATUSES.length : rank;
}

/** The CSS rules that colour each status's class (bars, legend swatches, table dots). */
export function statusRules(): string {
  const entries: [string, string][] = [
    ...STATUSES.map((status): [string, string] => [statusClass(status), STATUS_COLOURS[status]]),
    ["s-unknown", UNKNOWN_STATUS_COLOUR],
  ];
  return entries
    .map(([name, colour]) => `.${name}{fill:${colour};background:${colour}}`)
    .join("\n");
}

/**
 * Each status rank's CSS class ({@link statusRank} indexes it): what the page's script colours a
 * status cell by, so the data need not carry the class.
 */
export const STATUS_CLASSES: readonly string[] = [...STATUSES.map(statusClass), "s-unknown"];
