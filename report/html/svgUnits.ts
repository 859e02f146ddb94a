/**
 * How the timeline writes SVG coordinates: rounded to a tenth of a unit (enough for any screen, and
 * short to write, which matters when a chart has thousands of elements).
 */

/** `value` rounded to a tenth of a unit. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A coordinate as written. */
export function unit(value: number): string {
  return String(round(value));
}

/** `x` and `width` of a span from `left` to `right`, rounded so that x + width is `right` rounded. */
export function spanAttributes(left: number, right: number): string {
  const x = round(left);
  return `x="${x}" width="${round(round(right) - x)}"`;
}
