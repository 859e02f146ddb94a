/**
 * The one source of "now" for every provider decision (renewal, token expiry, validity checks).
 *
 * Dynamic providers run in a process the engine spawns, so a test cannot reach in and stub Date.
 * Instead the clock reads two environment variables on every call, which the lifecycle runner (or a
 * user rehearsing a renewal) passes to that process:
 * - `CERTPLANE_NOW`: an absolute instant (RFC 3339 or epoch milliseconds);
 * - `CERTPLANE_CLOCK_OFFSET_SECONDS`: seconds added to the real time (negative allowed).
 * In-process tests can install their own clock with {@link setClock}.
 */

/** Something that tells the time. */
export interface Clock {
  now(): Date;
}

/** The real clock, shifted by the environment variables above when they are set. */
export const environmentClock: Clock = {
  now(): Date {
    const fixed = process.env.CERTPLANE_NOW;
    const base = fixed ? parseInstant(fixed, "CERTPLANE_NOW") : Date.now();
    const offset = process.env.CERTPLANE_CLOCK_OFFSET_SECONDS;
    const offsetMs = offset ? parseOffsetSeconds(offset) * 1000 : 0;
    return new Date(base + offsetMs);
  },
};

let current: Clock = environmentClock;

/** The clock in use. */
export function clock(): Clock {
  return current;
}

/** Current instant according to the clock in use. */
export function now(): Date {
  return current.now();
}

/** Replaces the clock (tests); returns a function that restores the previous one. */
export function setClock(next: Clock): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}

/** A clock frozen at `instant`, for tests. */
export function fixedClock(instant: Date | string | number): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at.getTime()) };
}

function parseInstant(text: string, name: string): number {
  const ms = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new Error(`${name} must be an RFC 3339 time or epoch milliseconds; got "${text}".`);
  }
  return ms;
}

function parseOffsetSeconds(text: string): number {
  const seconds = Number(text.trim());
  if (!Number.isFinite(seconds)) {
    throw new Error(`CERTPLANE_CLOCK_OFFSET_SECONDS must be a number of seconds; got "${text}".`);
  }
  return seconds;
}
