/**
 * How a row's values read on the page, shared by the chart's tooltips and the table so both say
 * the same thing.
 */

/** Days left to one decimal (`12.5`, `-3.0`); a value that is not a finite number as it is. */
export function daysLeftText(daysLeft: number): string {
  return Number.isFinite(daysLeft) ? daysLeft.toFixed(1) : String(daysLeft);
}

/** Epoch milliseconds of an RFC 3339 time, or `undefined` when it is absent or not a time. */
export function epochOf(time: string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const epoch = Date.parse(time);
  return Number.isFinite(epoch) ? epoch : undefined;
}

/** `text` cut to `max` characters (whole code points), with `…` when it was longer. */
export function truncate(text: string, max: number): string {
  const codePoints = Array.from(text);
  return codePoints.length <= max ? text : `${codePoints.slice(0, max - 1).join("")}…`;
}
