/**
 * The one format of every time certplane outputs: RFC 3339 in UTC to the whole second,
 * `2027-01-31T00:00:00Z`.
 *
 * Whole seconds because that is the precision of what the times describe: X.509 validity
 * (RFC 5280 forbids fractional seconds in UTCTime and GeneralizedTime) and OpenSSH certificate
 * validity are seconds, and a vendor's milliseconds (AppViewX, NetFoundry) carry no meaning a
 * renewal could use. One precision everywhere means outputs compare as strings and sort in time
 * order, and a stack written by an earlier format reads without a diff (see {@link sameInstant}).
 */

const WHOLE_SECOND = /\.\d+Z$/;

/**
 * Formats an instant as RFC 3339 UTC to the whole second (fractions are dropped, never rounded up,
 * so a formatted notAfter is never later than the real one).
 * @param instant - a Date, epoch milliseconds or any string `Date.parse` reads
 * @throws RangeError when the value is not a valid time
 */
export function formatInstant(instant: Date | number | string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`not a valid time: ${JSON.stringify(String(instant))}`);
  }
  return date.toISOString().replace(WHOLE_SECOND, "Z");
}

/**
 * Whether two stored times name the same whole second, whatever format wrote them (`…Z`,
 * `….000Z`, `….132Z`, an offset): state written before {@link formatInstant} compares equal to
 * what it writes now.
 */
export function sameInstant(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  const left = Date.parse(a);
  const right = Date.parse(b);
  if (Number.isNaN(left) || Number.isNaN(right)) return false;
  return Math.floor(left / 1000) === Math.floor(right / 1000);
}

/**
 * A time a vendor reported, in the one format when it reads as a time; any other text is kept as the
 * vendor sent it (an output should show what the vendor said rather than fail the operation).
 */
export function formatVendorInstant(value: string | undefined): string | undefined {
  if (value === undefined || Number.isNaN(Date.parse(value))) return value;
  return formatInstant(value);
}

/**
 * `fresh` with each named time put back to the text `stored` had when both name the same second:
 * a refresh of state written in an earlier format finds no drift (the one format is written the next
 * time the resource is created or updated).
 * @param names - the time outputs to compare
 */
export function keepStoredInstants<T extends object>(
  stored: object,
  fresh: T,
  names: readonly (keyof T & string)[],
): T {
  const kept = { ...fresh } as Record<string, unknown>;
  for (const name of names) {
    const old = (stored as Record<string, unknown>)[name];
    if (old !== kept[name] && sameInstant(old, kept[name])) kept[name] = old;
  }
  return kept as T;
}
