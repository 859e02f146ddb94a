/**
 * The status rule, in one place: at an instant, a credential is `expired` once not-after has passed,
 * else `renewal due` once its renewal window (not-after − earlyRenewalHours) has opened, else
 * `expiring` when not-after falls within the warning span, else `ok`. Worst wins: an expired
 * certificate's window has opened too, and it is reported expired.
 */
import type { CertificateStatus } from "./model";

const HOUR_MS = 3_600_000;

/** What the rule reads: instants as epoch milliseconds. */
export interface StatusInputs {
  notAfterMs: number;
  /** When the renewal window opens; undefined when the resource renews at expiry (or never). */
  renewalStartMs?: number;
  atMs: number;
  warnWithinHours: number;
}

/** The status of one credential at `atMs`. */
export function statusAt({
  notAfterMs,
  renewalStartMs,
  atMs,
  warnWithinHours,
}: StatusInputs): CertificateStatus {
  if (atMs >= notAfterMs) return "expired";
  if (renewalStartMs !== undefined && atMs >= renewalStartMs) return "renewal due";
  if (notAfterMs - atMs <= warnWithinHours * HOUR_MS) return "expiring";
  return "ok";
}

/**
 * Whether a credential trips `--fail-within`: expired, or expiring within `hours` of `atMs`
 * (not-after ≤ at + hours).
 */
export function expiresWithin(notAfterMs: number, atMs: number, hours: number): boolean {
  return notAfterMs - atMs <= hours * HOUR_MS;
}

/** Days from `atMs` to not-after (negative once expired), to three decimals (1.5 minutes). */
export function daysLeft(notAfterMs: number, atMs: number): number {
  return Math.round(((notAfterMs - atMs) / (24 * HOUR_MS)) * 1000) / 1000;
}
