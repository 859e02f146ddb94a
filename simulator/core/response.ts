// What a route handler returns, and helpers to build it for each body kind the vendors use.
import type { JsonValue } from "./json";

/** A complete HTTP response, built before anything is written so faults can alter it. */
export interface SimResponse {
  /** HTTP status code. */
  status: number;
  /** Response headers (lower-case names); `content-length` is set when sending. */
  headers: Record<string, string>;
  /** Response body bytes (empty for none). */
  body: Buffer;
}

/**
 * A JSON response.
 * @param status - HTTP status
 * @param value - serialized with `JSON.stringify`
 * @param headers - extra headers
 */
export function json(
  status: number,
  value: JsonValue,
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

/**
 * A text response.
 * @param status - HTTP status
 * @param body - the text
 * @param contentType - media type
 * @defaultValue contentType `"text/plain; charset=utf-8"`
 */
export function text(
  status: number,
  body: string,
  contentType = "text/plain; charset=utf-8",
): SimResponse {
  return { status, headers: { "content-type": contentType }, body: Buffer.from(body) };
}

/**
 * An XML response (`application/xml`). The caller serializes the document, e.g. with
 * fast-xml-parser's `XMLBuilder`.
 * @param status - HTTP status
 * @param document - the XML text
 */
export function xml(status: number, document: string): SimResponse {
  return text(status, document, "application/xml");
}

/**
 * A binary response.
 * @param status - HTTP status
 * @param body - the bytes
 * @param contentType - media type
 * @defaultValue contentType `"application/octet-stream"`
 */
export function octet(
  status: number,
  body: Buffer,
  contentType = "application/octet-stream",
): SimResponse {
  return { status, headers: { "content-type": contentType }, body };
}

/**
 * A response without a body (e.g. 204).
 * @param status - HTTP status
 */
export function empty(status: number): SimResponse {
  return { status, headers: {}, body: Buffer.alloc(0) };
}

/**
 * Throw this from anywhere inside a handler to answer with `response` (typically a vendor's
 * documented error). The exchange pipeline catches it; any other error becomes a 500.
 */
export class ResponseError extends Error {
  /**
   * @param response - what to send
   * @param message - for logs
   */
  constructor(
    readonly response: SimResponse,
    message = `HTTP ${response.status}`,
  ) {
    super(message);
    this.name = "ResponseError";
  }
}
