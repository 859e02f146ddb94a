// The request object route handlers receive: the fully read body plus typed accessors for the body
// kinds the vendors use (JSON, XML, form, text, raw bytes) and the presented client certificate.
import type { IncomingHttpHeaders } from "node:http";
import type { X509Certificate } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import type { JsonValue } from "./json";

/** Thrown by the body accessors when the body is not what the accessor parses. */
export class BodyParseError extends Error {
  /**
   * @param kind - what was expected ("JSON", "XML")
   * @param detail - the parser's complaint
   */
  constructor(
    readonly kind: string,
    readonly detail: string,
  ) {
    super(`request body is not valid ${kind}: ${detail}`);
    this.name = "BodyParseError";
  }
}

/** Everything a vendor handler knows about one request. */
export class SimRequest {
  /**
   * @param method - upper-case HTTP method
   * @param path - the URL path without the query (not percent-decoded)
   * @param query - the URL query
   * @param params - path parameters captured by the route pattern (percent-decoded)
   * @param headers - request headers (lower-case names)
   * @param body - the whole request body
   * @param clientCertificate - the client certificate presented in the TLS handshake, if any
   */
  constructor(
    readonly method: string,
    readonly path: string,
    readonly query: URLSearchParams,
    readonly params: Readonly<Record<string, string>>,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
    readonly clientCertificate: X509Certificate | undefined,
  ) {}

  /**
   * One header's value (the first one when repeated).
   * @param name - header name, any case
   */
  header(name: string): string | undefined {
    const value = this.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  /** The media type of the body without parameters, lower case (`""` when absent). */
  contentType(): string {
    return (this.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  }

  /** The body as UTF-8 text. */
  text(): string {
    return this.body.toString("utf8");
  }

  /**
   * The body parsed as JSON; an empty body parses as `emptyValue`.
   * @param emptyValue - the value of an empty body
   * @defaultValue emptyValue `null`
   * @throws BodyParseError when the body is not JSON
   */
  json(emptyValue: JsonValue = null): JsonValue {
    const content = this.text();
    if (content.trim() === "") return emptyValue;
    try {
      return JSON.parse(content) as JsonValue;
    } catch (error) {
      throw new BodyParseError("JSON", (error as Error).message);
    }
  }

  /**
   * The body parsed as XML with fast-xml-parser (attributes ignored, values kept as strings).
   * @throws BodyParseError when the body is not well-formed XML
   */
  xml(): Record<string, unknown> {
    const parser = new XMLParser({ parseTagValue: false, trimValues: true });
    try {
      return parser.parse(this.text(), true) as Record<string, unknown>;
    } catch (error) {
      throw new BodyParseError("XML", (error as Error).message);
    }
  }

  /** The body parsed as `application/x-www-form-urlencoded`. */
  form(): URLSearchParams {
    return new URLSearchParams(this.text());
  }
}
