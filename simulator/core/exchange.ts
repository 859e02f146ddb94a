// The request pipeline of a vendor listener: read the body, count, apply an armed fault, route,
// run the handler, and send. The fault steps sit exactly where the fault kinds promise: "status"
// and "reset before" skip the handler (no side effect); "delay after", "reset after" and
// "malformed" run it first (side effect happened, the answer is late, lost or broken).
import { setTimeout as sleep } from "node:timers/promises";
import type { ActiveFault, FaultRegistry } from "./faults";
import type { RequestCounter } from "./counters";
import type { Exchange, ExchangeHandler } from "./listener";
import { BodyParseError, SimRequest } from "./request";
import { ResponseError, type SimResponse } from "./response";
import type { Router } from "./router";

/** Largest request body accepted (larger gets 413). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the pipeline needs from its owner. */
export interface ExchangeDependencies {
  /** Vendor name (counting and fault key; `"control"` for the control API). */
  vendor: string;
  /** The vendor's routes. */
  router: Router;
  /** Renders core-produced errors in the vendor's format. */
  formatError: (status: number, message: string) => SimResponse;
  /** Counts requests (absent for the control API). */
  counter?: RequestCounter;
  /** Armed faults (absent for the control API). */
  faults?: FaultRegistry;
  /** Called after a handler ran (the simulator saves state after changes). */
  onHandled?: (method: string) => void;
  /** Diagnostic log. */
  log: (line: string) => void;
}

class BodyTooLargeError extends Error {}

/**
 * Builds the pipeline for one listener.
 * @param deps - router, error format, counter, faults and hooks
 */
export function createExchangeHandler(deps: ExchangeDependencies): ExchangeHandler {
  return async (exchange) => {
    const started = Date.now();
    const method = (exchange.request.method ?? "GET").toUpperCase();
    const url = new URL(exchange.request.url ?? "/", "https://simulator.invalid");
    const path = url.pathname;
    const finish = (response: SimResponse, fault?: ActiveFault): void => {
      exchange.send(response);
      deps.log(describe(deps.vendor, method, path, String(response.status), started, fault));
    };
    const resetNow = (fault: ActiveFault): void => {
      exchange.reset();
      deps.log(describe(deps.vendor, method, path, "RESET", started, fault));
    };

    let body: Buffer;
    try {
      body = await readBody(exchange, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        finish(deps.formatError(413, `request body exceeds ${MAX_BODY_BYTES} bytes`));
      }
      return;
    }
    deps.counter?.record(deps.vendor, method, path);
    const fault = deps.faults?.take(deps.vendor, method, path);

    if (fault?.kind === "status") return finish(statusFaultResponse(fault), fault);
    if (fault?.kind === "reset" && fault.when === "before") return resetNow(fault);
    if (fault?.kind === "delay" && fault.when === "before") {
      if (!(await pause(fault.ms, exchange.signal))) return;
    }

    const request = { method, path, query: url.searchParams, body };
    let response = await dispatch(deps, exchange, request);
    deps.onHandled?.(method);

    if (fault?.kind === "reset") return resetNow(fault);
    if (fault?.kind === "delay" && fault.when === "after") {
      if (!(await pause(fault.ms, exchange.signal))) return;
    }
    if (fault?.kind === "malformed") response = malform(response, fault.body);
    finish(response, fault);
  };
}

interface ParsedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
}

async function dispatch(
  deps: ExchangeDependencies,
  exchange: Exchange,
  parsed: ParsedRequest,
): Promise<SimResponse> {
  const match = deps.router.match(parsed.method, parsed.path);
  if (match.kind === "not-found") {
    return deps.formatError(404, `no such endpoint: ${parsed.method} ${parsed.path}`);
  }
  if (match.kind === "method-not-allowed") {
    const allowed = match.allowed.join(", ");
    const response = deps.formatError(
      405,
      `method ${parsed.method} is not allowed on ${parsed.path}; allowed: ${allowed}`,
    );
    return { ...response, headers: { ...response.headers, allow: allowed } };
  }
  const request = new SimRequest(
    parsed.method,
    parsed.path,
    parsed.query,
    match.params,
    exchange.request.headers,
    parsed.body,
    exchange.clientCertificate,
  );
  try {
    return await match.route.handler(request);
  } catch (error) {
    if (error instanceof ResponseError) return error.response;
    if (error instanceof BodyParseError) return deps.formatError(400, error.message);
    const message = error instanceof Error ? error.message : String(error);
    deps.log(`${deps.vendor} handler error on ${parsed.method} ${parsed.path}: ${message}`);
    return deps.formatError(500, `simulator error: ${message}`);
  }
}

async function readBody(exchange: Exchange, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of exchange.request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function statusFaultResponse(fault: ActiveFault & { kind: "status" }): SimResponse {
  const body = fault.body ?? "";
  return {
    status: fault.status,
    headers: {
      ...Object.fromEntries(
        Object.entries(fault.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      "content-type": fault.contentType ?? "text/plain; charset=utf-8",
    },
    body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
  };
}

function malform(response: SimResponse, replacement: string | undefined): SimResponse {
  let body: Buffer;
  if (replacement !== undefined) body = Buffer.from(replacement);
  else if (response.body.length < 2) body = Buffer.from("<malformed>");
  else body = response.body.subarray(0, Math.floor(response.body.length / 2));
  return { ...response, body };
}

/** Waits `ms`; false when the listener closed meanwhile (then nothing must be sent). */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function describe(
  vendor: string,
  method: string,
  path: string,
  outcome: string,
  started: number,
  fault: ActiveFault | undefined,
): string {
  const faultNote = fault ? ` [fault ${fault.kind}${"when" in fault ? ` ${fault.when}` : ""}]` : "";
  return `${vendor} ${method} ${path} -> ${outcome} (${Date.now() - started} ms)${faultNote}`;
}
