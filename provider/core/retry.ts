/**
 * Retry decisions, kept pure so each rule is unit-tested without a network.
 *
 * Rules (DESIGN.md "Vendor clients"):
 * - idempotent calls (GET/HEAD/PUT/DELETE/OPTIONS, or a call marked idempotent) are retried on
 *   connection failures, 408, 429, 500, 502, 503 and 504;
 * - non-idempotent calls (a POST that creates) are retried only when the server said it did not act
 *   (429, 503) or when the connection was refused before anything was sent; a timeout or reset after
 *   sending is ambiguous and never retried, so a certificate is never issued twice;
 * - the delay is capped exponential backoff with full jitter, but never shorter than Retry-After;
 *   a Retry-After longer than `maxRetryAfterMs` ends the retries (waiting that long inside a dynamic
 *   provider, which the engine cannot cancel, is worse than a clear error).
 */

/** Tunables of the retry loop. */
export interface RetryPolicy {
  /** Total attempts, first included. @default 4 */
  maxAttempts: number;
  /** First backoff step. @default 250 */
  baseDelayMs: number;
  /** Cap of one backoff step. @default 8000 */
  maxDelayMs: number;
  /** Longest Retry-After honoured. @default 60000 */
  maxRetryAfterMs: number;
}

/** The defaults above. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

/** What happened on one attempt. */
export interface AttemptOutcome {
  /** 1 for the first attempt. */
  attempt: number;
  method: string;
  /** Explicit idempotency; default by method. */
  idempotent?: boolean;
  /** HTTP status if the server answered. */
  status?: number;
  /** Node/axios error code if it did not (ECONNRESET, ECONNREFUSED, ETIMEDOUT, ECONNABORTED, …). */
  errorCode?: string;
  /** Raw Retry-After header. */
  retryAfter?: string;
}

/** The decision. */
export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  /** Why, in words (for debug logs and tests). */
  reason: string;
}

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const RETRYABLE_STATUS_IDEMPOTENT = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_STATUS_ANY = new Set([429, 503]);
/** Failures that happen before the request leaves this machine: safe to retry even for a POST. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  // The egress proxy answered CONNECT with a 5xx (it could not reach the vendor): nothing was sent.
  "EPROXYUNAVAILABLE",
]);
/** Transport failures worth another try for idempotent calls. */
const TRANSIENT_CODES = new Set([
  ...NOT_SENT_CODES,
  "ECONNRESET",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EPIPE",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  "ERR_CANCELED",
  "EMALFORMED",
]);

/** Whether a method is idempotent unless told otherwise. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Whether a transport failure happened before the request was sent (so it had no effect). */
export function failedBeforeSending(errorCode: string | undefined): boolean {
  return errorCode !== undefined && NOT_SENT_CODES.has(errorCode);
}

/**
 * Decides whether to retry after `outcome`.
 *
 * @param random - a source of [0,1) for jitter (injectable for tests).
 * @default random Math.random
 */
export function decideRetry(
  outcome: AttemptOutcome,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  const idempotent = outcome.idempotent ?? isIdempotentMethod(outcome.method);
  if (outcome.attempt >= policy.maxAttempts) {
    return { retry: false, delayMs: 0, reason: `gave up after ${outcome.attempt} attempts` };
  }
  let retryable: boolean;
  let reason: string;
  if (outcome.status !== undefined) {
    retryable = idempotent
      ? RETRYABLE_STATUS_IDEMPOTENT.has(outcome.status)
      : RETRYABLE_STATUS_ANY.has(outcome.status);
    reason = retryable
      ? `HTTP ${outcome.status} is transient`
      : `HTTP ${outcome.status} is not retried for a ${idempotent ? "idempotent" : "non-idempotent"} call`;
  } else if (outcome.errorCode !== undefined) {
    retryable = idempotent
      ? TRANSIENT_CODES.has(outcome.errorCode)
      : failedBeforeSending(outcome.errorCode);
    reason = retryable
      ? `${outcome.errorCode} is transient`
      : idempotent
        ? `${outcome.errorCode} is not transient`
        : `${outcome.errorCode} after sending is ambiguous for a non-idempotent call`;
  } else {
    return { retry: false, delayMs: 0, reason: "nothing to retry" };
  }
  if (!retryable) return { retry: false, delayMs: 0, reason };

  const backoff = backoffDelayMs(outcome.attempt, policy, random);
  const retryAfterMs = parseRetryAfterMs(outcome.retryAfter);
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) {
      return {
        retry: false,
        delayMs: 0,
        reason: `Retry-After ${Math.ceil(retryAfterMs / 1000)} s exceeds the ${policy.maxRetryAfterMs / 1000} s bound`,
      };
    }
    return {
      retry: true,
      delayMs: Math.max(retryAfterMs, backoff),
      reason: `${reason}; honouring Retry-After`,
    };
  }
  return { retry: true, delayMs: backoff, reason };
}

/** Full-jitter exponential backoff: uniform in [step/2, step], step = min(cap, base·2^(attempt−1)). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Parses a Retry-After header: delta-seconds or an HTTP date (relative to `nowMs`).
 * Returns undefined for a missing or unparseable value.
 */
export function parseRetryAfterMs(
  value: string | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
