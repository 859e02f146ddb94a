/**
 * The key-rotation decision: a key is due for rotation once it is `rotateAfterHours` old.
 *
 * Like renewal (./renewal.ts) it is judged in `diff`, on every `up` (refresh or not), so a key is
 * replaced on the first `up` at or after its rotation instant, create-before-delete, and whatever
 * was signed from it is replaced in the same `up`. A key whose creation time is unknown counts as
 * due: state written before certplane recorded key creation times cannot prove the key is young,
 * and a key of unknown age is exactly what a rotation policy is asked to get rid of (docs/renewal.md).
 */
import { now as clockNow } from "./clock";
import { formatInstant } from "./instant";

const HOUR_MS = 3_600_000;

/** The largest rotation age accepted: ten years, as for certificate durations (a unit typo). */
export const MAX_ROTATE_AFTER_HOURS = 87_600;

/** The instant from which a key made at `createdAt` is due for rotation. */
export function rotationStartsAt(createdAt: Date, rotateAfterHours: number): Date {
  return new Date(createdAt.getTime() + rotateAfterHours * HOUR_MS);
}

/**
 * Whether a key made at `createdAt` should be replaced now.
 *
 * @param createdAt - when the key was made (a Date or RFC 3339 text); absent or unparseable counts as
 *   due, since the key's age cannot be shown to be under `rotateAfterHours`.
 * @param rotateAfterHours - the key's rotation age.
 * @param at - the instant to judge at.
 * @default at - the provider clock's now
 */
export function isRotationDue(
  createdAt: Date | string | undefined,
  rotateAfterHours: number,
  at: Date = clockNow(),
): boolean {
  if (createdAt === undefined) return true;
  const created = createdAt instanceof Date ? createdAt : new Date(createdAt);
  if (Number.isNaN(created.getTime())) return true;
  return at.getTime() >= rotationStartsAt(created, rotateAfterHours).getTime();
}

/**
 * Why a key is being rotated, for the log line `diff` writes (the engine shows the provider's
 * stderr), e.g. `the key made at 2030-01-01T00:00:00Z is 1440 hours old; rotateAfterHours is 1440`.
 */
export function rotationReason(
  createdAt: string | undefined,
  rotateAfterHours: number,
  at: Date = clockNow(),
): string {
  const created = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  if (Number.isNaN(created)) {
    return (
      `the key's age is unknown (its state was written before certplane recorded keyCreatedAt) ` +
      `and rotateAfterHours is ${rotateAfterHours}`
    );
  }
  const hours = Math.floor((at.getTime() - created) / HOUR_MS);
  return (
    `the key made at ${formatInstant(created)} is ${hours} hours old at ${formatInstant(at)}; ` +
    `rotateAfterHours is ${rotateAfterHours}`
  );
}
