/**
 * The durations the report's flags take (`--warn-within 30d`, `--fail-within 14d`): a whole number
 * followed by `h` (hours), `d` (days) or `w` (weeks). One unit per value, no fractions: what a
 * certificate's lifetime is counted in, and nothing a reader has to think about.
 */

const HOURS_PER_UNIT = { h: 1, d: 24, w: 24 * 7 } as const;
const DURATION = /^(\d{1,6})([hdw])$/;

/** What a duration flag accepts, in words (for usage errors and `--help`). */
export const DURATION_FORMAT = "a whole number followed by h, d or w (e.g. 12h, 30d, 2w)";

/**
 * The hours a duration names, or undefined when `text` is not {@link DURATION_FORMAT}.
 * @param text - e.g. `30d`
 */
export function parseDurationHours(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * HOURS_PER_UNIT[match[2] as keyof typeof HOURS_PER_UNIT];
}

/** Hours as the shortest duration text that names them exactly (`720` → `30d`, `336` → `2w`). */
export function formatDurationHours(hours: number): string {
  if (hours > 0 && hours % HOURS_PER_UNIT.w === 0) return `${hours / HOURS_PER_UNIT.w}w`;
  if (hours > 0 && hours % HOURS_PER_UNIT.d === 0) return `${hours / HOURS_PER_UNIT.d}d`;
  return `${hours}h`;
}
