// The shape of a fault and its validation. Faults arrive as JSON over the control API, so the same
// parser guards the control API and the typed in-process API.
import { isJsonObject, type JsonValue } from "./json";
import type { RequestSelector } from "./pathPattern";

/** When a delay or reset happens relative to the vendor handler (and so to its side effect). */
export type FaultTiming = "before" | "after";

/** Answer with this status and body instead of running the handler (no side effect). */
export interface StatusFaultAction {
  /** Discriminator. */
  kind: "status";
  /** HTTP status to send. */
  status: number;
  /** Body: a string is sent as is, anything else as JSON; omitted = empty body. */
  body?: JsonValue;
  /**
   * Content type of the body.
   * @defaultValue - `application/json` for a non-string body, `text/plain; charset=utf-8` otherwise
   */
  contentType?: string;
  /** Extra response headers, e.g. `{"retry-after": "1"}` for a 429/503. @defaultValue none */
  headers?: Record<string, string>;
}

/** Hold the response for `ms` milliseconds. */
export interface DelayFaultAction {
  /** Discriminator. */
  kind: "delay";
  /** Delay in milliseconds (0..600000). */
  ms: number;
  /**
   * `"after"`: the handler runs (side effect happens), then the response waits — a client timeout
   * then looks exactly like "the request was sent and processed but the answer never came".
   * `"before"`: wait, then run the handler.
   * @defaultValue "after"
   */
  when?: FaultTiming;
}

/** Reset the TCP connection (RST) instead of answering. */
export interface ResetFaultAction {
  /** Discriminator. */
  kind: "reset";
  /**
   * `"before"`: reset without running the handler (no side effect).
   * `"after"`: run the handler (side effect happens), then reset instead of answering.
   * @defaultValue "before"
   */
  when?: FaultTiming;
}

/** Run the handler, keep its status and content type, but send a corrupted body. */
export interface MalformedFaultAction {
  /** Discriminator. */
  kind: "malformed";
  /**
   * The body to send instead.
   * @defaultValue - the first half of the real body (broken JSON, XML or PEM), or `"<malformed>"`
   * when the real body is empty
   */
  body?: string;
}

/** Any fault action. */
export type FaultAction =
  StatusFaultAction | DelayFaultAction | ResetFaultAction | MalformedFaultAction;

/** A fault to inject: which requests (vendor, method, path glob), what to do, how many times. */
export type FaultSpec = RequestSelector &
  FaultAction & {
    /**
     * How many matching requests the fault applies to; then it is removed.
     * @defaultValue 1
     */
    times?: number;
  };

/** A validated fault: selector fields and `times` filled in (`method` `"*"` = every method). */
export type NormalizedFaultSpec = FaultAction & {
  /** Vendor name. */
  vendor: string;
  /** Upper-case method or `"*"`. */
  method: string;
  /** Path glob. */
  path: string;
  /** How many matching requests the fault applies to. */
  times: number;
};

/** Thrown when a fault specification is invalid; the message says which field and why. */
export class FaultSpecError extends Error {
  /** @param message - what is wrong and what is allowed */
  constructor(message: string) {
    super(message);
    this.name = "FaultSpecError";
  }
}

const MAX_DELAY_MS = 600_000;

/**
 * Validates and normalizes a fault (defaults filled in).
 * @param input - the fault as JSON or typed object
 * @param vendors - names of the running vendors
 * @throws FaultSpecError naming the offending field
 */
export function parseFaultSpec(input: unknown, vendors: readonly string[]): NormalizedFaultSpec {
  if (!isJsonObject(input)) throw new FaultSpecError("a fault must be a JSON object");
  const vendor = input.vendor;
  if (typeof vendor !== "string" || !vendors.includes(vendor)) {
    throw new FaultSpecError(
      `vendor must be one of ${vendors.join(", ")}, got ${JSON.stringify(vendor)}`,
    );
  }
  const method = optionalString(input, "method")?.toUpperCase() ?? "*";
  const path = optionalString(input, "path") ?? "**";
  if (!path.startsWith("/") && path !== "**") {
    throw new FaultSpecError(`path must start with "/" (or be "**"), got ${JSON.stringify(path)}`);
  }
  const times = input.times ?? 1;
  if (typeof times !== "number" || !Number.isInteger(times) || times < 1) {
    throw new FaultSpecError(`times must be a positive integer, got ${JSON.stringify(times)}`);
  }
  return { vendor, method, path, times, ...parseAction(input) };
}

function parseAction(input: Record<string, JsonValue>): FaultAction {
  switch (input.kind) {
    case "status": {
      const status = input.status;
      if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
        throw new FaultSpecError(
          `status must be an HTTP status 100..599, got ${JSON.stringify(status)}`,
        );
      }
      const body = input.body ?? "";
      const contentType =
        optionalString(input, "contentType") ??
        (typeof body === "string" ? "text/plain; charset=utf-8" : "application/json");
      const headers = input.headers;
      if (
        headers !== undefined &&
        (!isJsonObject(headers) || Object.values(headers).some((v) => typeof v !== "string"))
      ) {
        throw new FaultSpecError(
          `headers must be an object of header names to string values, got ${JSON.stringify(headers)}`,
        );
      }
      return headers === undefined
        ? { kind: "status", status, body, contentType }
        : { kind: "status", status, body, contentType, headers: headers as Record<string, string> };
    }
    case "delay": {
      const ms = input.ms;
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > MAX_DELAY_MS) {
        throw new FaultSpecError(
          `ms must be a number of milliseconds 0..${MAX_DELAY_MS}, got ${JSON.stringify(ms)}`,
        );
      }
      return { kind: "delay", ms, when: parseTiming(input, "after") };
    }
    case "reset":
      return { kind: "reset", when: parseTiming(input, "before") };
    case "malformed": {
      const body = optionalString(input, "body");
      return body === undefined ? { kind: "malformed" } : { kind: "malformed", body };
    }
    default:
      throw new FaultSpecError(
        `kind must be one of status, delay, reset, malformed, got ${JSON.stringify(input.kind)}`,
      );
  }
}

function parseTiming(input: Record<string, JsonValue>, fallback: FaultTiming): FaultTiming {
  const when = input.when ?? fallback;
  if (when !== "before" && when !== "after") {
    throw new FaultSpecError(`when must be "before" or "after", got ${JSON.stringify(when)}`);
  }
  return when;
}

function optionalString(input: Record<string, JsonValue>, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new FaultSpecError(`${field} must be a string, got ${JSON.stringify(value)}`);
  }
  return value;
}
