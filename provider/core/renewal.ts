/**
 * The renewal decision shared by every certificate resource.
 *
 * A certificate is due when now ≥ notAfter − earlyRenewalHours. `diff` runs this on every `up` (with
 * or without refresh) and turns "due" into a create-before-delete replacement, so the old certificate
 * keeps serving until its successor exists.
 */
import { now as clockNow } from "./clock";

const HOUR_MS = 3_600_000;

/** The instant from which a certificate expiring at `notAfter` is due for renewal. */
export function renewalStartsAt(notAfter: Date, earlyRenewalHours: number): Date {
  return new Date(notAfter.getTime() - earlyRenewalHours * HOUR_MS);
}

/**
 * Whether a certificate expiring at `notAfter` should be renewed now.
 *
 * @param notAfter - expiry instant (a Date or RFC 3339 text); an unparseable value counts as due,
 *   since a certificate whose expiry we cannot read cannot be trusted to still be valid.
 * @param earlyRenewalHours - how long before expiry renewal starts.
 * @param at - the instant to judge at.
 * @default at - the provider clock's now
 */
export function isRenewalDue(
  notAfter: Date | string | undefined,
  earlyRenewalHours: number,
  at: Date = clockNow(),
): boolean {
  if (notAfter === undefined) return false;
  const expiry = notAfter instanceof Date ? notAfter : new Date(notAfter);
  if (Number.isNaN(expiry.getTime())) return true;
  return at.getTime() >= renewalStartsAt(expiry, earlyRenewalHours).getTime();
}

/** Hours between two instants, as a number (fractions kept). */
export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR_MS;
}
