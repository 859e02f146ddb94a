/**
 * What each timed `up` of the fleet bench must have done, so that no phase can silently measure a
 * no-op: the engine's steps per certplane type and the PCA sign requests, as expected for N
 * certificates. Also when the renewal day is, from the schedule the stacks are given.
 */
import type { EngineStep } from "../tools/devkit/stackProtocol";
import { CERTIFICATE_TOKEN, KEY_TOKEN } from "./programs/nativeTokens";

const HOUR_MS = 3_600_000;
/** The ops of a create-before-delete replacement, as the engine starts them. */
const REPLACED = ["create-replacement", "replace", "delete-replaced"] as const;

/** What one `up` does to every certificate of the fleet. */
export type FleetChange =
  /** an empty stack: every key and certificate created */
  | "issue"
  /** nothing due: every step `same` */
  | "none"
  /** the certificates' windows open, the keys kept: every certificate replaced, every key `same` */
  | "renew"
  /** the keys' rotation age passed too: every key and every certificate replaced */
  | "rotate";

/** Ops started per resource type and op, e.g. `{ "certplane:index:CertificateRequest": { same: 500 } }`. */
export type StepCounts = Record<string, Record<string, number>>;

/** The ops the engine started (phase `pre`) per certplane resource type. */
export function countSteps(steps: readonly EngineStep[]): StepCounts {
  const counts: StepCounts = {};
  for (const step of steps) {
    if (step.phase !== "pre" || (step.type !== KEY_TOKEN && step.type !== CERTIFICATE_TOKEN)) {
      continue;
    }
    const ops = (counts[step.type] ??= {});
    ops[step.op] = (ops[step.op] ?? 0) + 1;
  }
  return counts;
}

/** The step counts `change` makes on a fleet of `count` certificates. */
export function expectedSteps(change: FleetChange, count: number): StepCounts {
  const each = (ops: readonly string[]) => Object.fromEntries(ops.map((op) => [op, count]));
  const keyOps = { issue: ["create"], none: ["same"], renew: ["same"], rotate: REPLACED }[change];
  const certificateOps = { issue: ["create"], none: ["same"], renew: REPLACED, rotate: REPLACED }[
    change
  ];
  return { [KEY_TOKEN]: each(keyOps), [CERTIFICATE_TOKEN]: each(certificateOps) };
}

/** PCA sign requests `change` makes on a fleet of `count` certificates: one per new certificate. */
export function expectedSignRequests(change: FleetChange, count: number): number {
  return change === "none" ? 0 : count;
}

/** Steps in the same order of types and ops for every count, so two can be compared as text. */
function canonical(counts: StepCounts): string {
  const sorted = Object.keys(counts)
    .sort()
    .map((type) => [type, Object.fromEntries(Object.entries(counts[type]).sort())]);
  return JSON.stringify(Object.fromEntries(sorted));
}

/**
 * Throws unless `steps` and `signRequests` are what `change` makes on `count` certificates; the
 * message names the phase, what was expected and what happened.
 */
export function assertFleetChange(
  phase: string,
  change: FleetChange,
  count: number,
  observed: { steps: readonly EngineStep[]; signRequests: number },
): void {
  const expected = canonical(expectedSteps(change, count));
  const actual = canonical(countSteps(observed.steps));
  if (actual !== expected) {
    throw new Error(`${phase}: expected the steps ${expected} (${change}); got ${actual}`);
  }
  // Every step of a change-free up is `same` — the stack and the provider too, not only ours.
  const changed = observed.steps.filter((step) => step.phase === "pre" && step.op !== "same");
  if (change === "none" && changed.length > 0) {
    throw new Error(`${phase}: expected no change; ${changed.length} steps were not 'same'`);
  }
  const signs = expectedSignRequests(change, count);
  if (observed.signRequests !== signs) {
    throw new Error(
      `${phase}: expected ${signs} PCA sign requests (${change}); got ${observed.signRequests}`,
    );
  }
}

/** A stack's renewal schedule, in hours (docs/renewal.md, "Pairing"). */
export interface RenewalSchedule {
  certDurationHours: number;
  earlyRenewalHours: number;
  /** rotateAfterHours = certDurationHours − earlyRenewalHours: each renewal carries a new key. */
  rotateAfterHours: number;
}

/**
 * The clock offset, in whole seconds from `nowMs`, of a renewal day for certificates (and keys)
 * issued no later than `issuedByMs`: an hour after the last of them entered its renewal window, and
 * its key its rotation age. A certificate issued up to `earlyRenewalHours` − 1 hours before
 * `issuedByMs` has not expired by then. Throws for a schedule with no such hour.
 */
export function renewalDayOffsetSeconds(
  schedule: RenewalSchedule,
  issuedByMs: number,
  nowMs: number,
): number {
  const windowOpensAfterHours = schedule.certDurationHours - schedule.earlyRenewalHours;
  if (schedule.earlyRenewalHours < 2 || schedule.rotateAfterHours > windowOpensAfterHours) {
    throw new Error(
      `the renewal schedule ${JSON.stringify(schedule)} has no renewal day: earlyRenewalHours ` +
        "must be at least 2 and rotateAfterHours at most certDurationHours − earlyRenewalHours",
    );
  }
  const renewalDayMs = issuedByMs + (windowOpensAfterHours + 1) * HOUR_MS;
  return Math.round((renewalDayMs - nowMs) / 1000);
}
