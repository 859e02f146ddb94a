/**
 * The faults of the fault matrix (issue 8) and how each is produced: a simulator fault armed on one
 * vendor request, or a connection setting (CA, client certificate, credential) for one run.
 */
import type { FaultSpec } from "../../simulator";

/** Every column of the matrix, in display order. */
export const FAULT_KINDS = [
  "timeout",
  "reset",
  "500",
  "503+Retry-After",
  "429",
  "malformed",
  "untrusted CA",
  "bad client cert",
  "expired token",
  "426 upgrade",
  "lock busy",
  "proxy 407",
  "proxy 502",
] as const;

/** One column. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The per-request timeout the timeout column runs with (and the delay that exceeds it). */
export const TIMEOUT_SECONDS = 2;
const DELAY_MS = 5_000;

/** The request a fault is armed on. */
export interface RequestSelector {
  vendor: string;
  method: string;
  path: string;
}

/**
 * The simulator fault for a kind that is a vendor answer (undefined for the kinds that are a
 * connection setting). Each hits the next matching request once.
 */
export function simulatorFault(kind: FaultKind, on: RequestSelector): FaultSpec | undefined {
  switch (kind) {
    case "timeout":
      // The vendor acts, then the answer never comes in time: the ambiguous case.
      return { ...on, kind: "delay", ms: DELAY_MS, when: "after" };
    case "reset":
      return { ...on, kind: "reset", when: "before" };
    case "500":
      return { ...on, kind: "status", status: 500, body: "internal error" };
    case "503+Retry-After":
      return { ...on, kind: "status", status: 503, body: "", headers: { "retry-after": "1" } };
    case "429":
      return { ...on, kind: "status", status: 429, body: "", headers: { "retry-after": "1" } };
    case "malformed":
      return { ...on, kind: "malformed" };
    default:
      return undefined;
  }
}
