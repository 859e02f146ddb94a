/**
 * The HTTP client every vendor client is built on: axios over a shared keep-alive agent (mTLS and a
 * private CA when configured, tunnelled through an egress proxy when one applies), a timeout on every
 * request (dynamic providers get none from the engine and cannot be cancelled), retries per
 * {@link decideRetry}, and failures turned into the typed, redacted errors of ./errors with the
 * remedy a user needs.
 */
import axios, { AxiosError, type AxiosInstance, type AxiosResponse } from "axios";
import { whereToSet, type VendorPrefix } from "./connection";
import {
  kindForStatus,
  vendorError,
  type VendorApiError,
  type VendorErrorDetails,
  type VendorName,
} from "./errors";
import { log } from "./log";
import { awaitingProxy, TunnelFailure } from "./proxyAgent";
import { proxyFailureError } from "./proxyFailure";
import { proxyFor, type ProxySettings, type ProxyTarget } from "./proxySettings";
import { redactUrl } from "./redact";
import { decideRetry, DEFAULT_RETRY_POLICY, failedBeforeSending, type RetryPolicy } from "./retry";
import { agentFor, type TlsSettings } from "./tlsAgent";

/** How a vendor client is set up. */
export interface HttpClientConfig extends TlsSettings {
  vendor: VendorName;
  /** Config/env prefix, used to tell the user where to fix a setting. */
  prefix: VendorPrefix;
  /**
   * The connection field holding the credential a 401 is about.
   * @default "token"
   */
  credentialField?: string;
  /** Base URL, e.g. `https://pca.example.com`; request paths are appended. */
  baseUrl: string;
  /**
   * Per-request timeout, in seconds: the connection's `timeoutSeconds`, whose default the schema
   * gives (no second default here).
   */
  timeoutSeconds: number;
  /**
   * The connection's proxy fields; the base URL is reached through `proxyUrl` unless `noProxy`
   * lists its host.
   * @default - direct
   */
  proxy?: ProxySettings;
  retry?: Partial<RetryPolicy>;
  /** Headers on every request (e.g. Authorization). */
  headers?: Record<string, string>;
  /** Reads a vendor's error body into details (code, message, remediation, kind). */
  mapError?: (ctx: ErrorContext) => Partial<VendorErrorDetails> | undefined;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What a vendor error mapper sees. */
export interface ErrorContext {
  status: number;
  headers: Record<string, string>;
  /** Body as text (may be empty). */
  text: string;
  /** Body parsed as JSON when it is JSON. */
  json?: unknown;
  method: string;
  url: string;
}

/** One request. */
export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the base URL, starting with "/". */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; an object as JSON. */
  body?: string | Buffer | object;
  /** Overrides the method's default idempotency (a POST search is idempotent). */
  idempotent?: boolean;
  timeoutSeconds?: number;
  /** How to read a successful body. @default "json" */
  responseType?: "json" | "text";
  /**
   * For a text body: whether it is the document the API promises (e.g. an XML envelope). A body that
   * is not counts as malformed, like unparseable JSON: retried when the call is idempotent, else an
   * ambiguous failure.
   */
  wellFormed?: (text: string) => boolean;
  /** What the body should be, for the malformed-body message. @default "JSON" */
  bodyFormat?: string;
  /** Statuses that count as success besides 2xx (e.g. 404 on a delete). */
  acceptStatus?: readonly number[];
  /** false disables retries for this call. */
  retry?: Partial<RetryPolicy> | false;
  /** Args property the call is about, for error messages. */
  property?: string;
}

/** A successful answer. */
export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string>;
  text: string;
  data: T;
}

/**
 * The connection's base URL, which must be https:// (every vendor call is TLS); throws a validation
 * error naming where to set it otherwise.
 */
export function httpsBaseUrl(config: Pick<HttpClientConfig, "vendor" | "prefix" | "baseUrl">): URL {
  const base = new URL(config.baseUrl);
  if (base.protocol !== "https:") {
    throw vendorError(
      { vendor: config.vendor, kind: "validation", property: "connection.url" },
      `url must use https:// (got "${base.protocol}//${base.host}"). Set ${whereToSet(config.prefix, "url")}.`,
    );
  }
  return base;
}

/** The client. */
export class HttpClient {
  readonly config: HttpClientConfig;
  private readonly axios: AxiosInstance;
  private readonly origin: string;
  /** The proxy this client tunnels through, if any (its URL may hold credentials). */
  private readonly proxy: ProxyTarget | undefined;

  constructor(config: HttpClientConfig) {
    this.config = config;
    const base = httpsBaseUrl(config);
    this.origin = base.origin;
    this.proxy = proxyFor(base, config.proxy);
    this.axios = axios.create({
      baseURL: config.baseUrl.replace(/\/+$/, ""),
      httpsAgent: agentFor(base.origin, config, this.proxy?.url),
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      // The agent tunnels through the proxy; axios's own proxy support (plain requests sent to the
      // proxy, chosen from the environment by its own rules) must stay off.
      proxy: false,
    });
  }

  /** Sends `req`, retrying per policy; resolves on success, rejects with a VendorApiError. */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const policy: RetryPolicy = {
      ...DEFAULT_RETRY_POLICY,
      ...this.config.retry,
      ...(req.retry || {}),
    };
    if (req.retry === false) policy.maxAttempts = 1;
    const sleep = this.config.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt<T>(req);
      if (result.ok) return result.response;
      const decision = decideRetry(
        {
          attempt,
          method: req.method,
          idempotent: req.idempotent,
          // A transport-level code (reset, timeout, malformed body) decides over the status line.
          status: result.errorCode === undefined ? result.error.status : undefined,
          errorCode: result.errorCode,
          retryAfter: result.retryAfter,
        },
        policy,
        this.config.random,
      );
      log.debug(
        `${req.method} ${redactUrl(this.fullUrl(req))} attempt ${attempt}: ${decision.reason}`,
      );
      if (!decision.retry) throw result.error;
      await sleep(decision.delayMs);
    }
  }

  private async attempt<T>(
    req: HttpRequest,
  ): Promise<
    | { ok: true; response: HttpResponse<T> }
    | { ok: false; error: VendorApiError; errorCode?: string; retryAfter?: string }
  > {
    const timeoutMs = (req.timeoutSeconds ?? this.config.timeoutSeconds) * 1000;
    const url = this.fullUrl(req);
    const headers: Record<string, string> = { ...this.config.headers, ...req.headers };
    let data: string | Buffer | undefined;
    if (req.body !== undefined) {
      if (typeof req.body === "string" || Buffer.isBuffer(req.body)) data = req.body;
      else {
        data = JSON.stringify(req.body);
        headers["Content-Type"] ??= "application/json";
      }
    }
    let res: AxiosResponse<string>;
    try {
      res = await this.axios.request<string>({
        method: req.method,
        url: this.pathWithQuery(req),
        headers,
        data,
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs + 1000),
      });
    } catch (err) {
      return this.transportFailure(req, url, err, timeoutMs);
    }
    const text = typeof res.data === "string" ? res.data : String(res.data ?? "");
    const resHeaders = flattenHeaders(res.headers);
    const accepted =
      (res.status >= 200 && res.status < 300) || (req.acceptStatus ?? []).includes(res.status);
    if (accepted) {
      const asText = (req.responseType ?? "json") === "text" || text.trim() === "";
      try {
        if (asText && req.wellFormed && !req.wellFormed(text)) throw new Error("malformed");
        const data = (asText ? text : JSON.parse(text)) as T;
        return { ok: true, response: { status: res.status, headers: resHeaders, text, data } };
      } catch {
        return {
          ok: false,
          errorCode: "EMALFORMED",
          error: vendorError(
            {
              vendor: this.config.vendor,
              kind: "connection",
              status: res.status,
              method: req.method,
              url,
              property: req.property,
              ambiguous: !this.isIdempotent(req),
            },
            `answered HTTP ${res.status} with a body that is not the ${req.bodyFormat ?? "JSON"} its API documents ` +
              `(${describeBody(text)}).${this.ambiguityNote(req)}`,
          ),
        };
      }
    }
    let json: unknown;
    try {
      json = text.trim() ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const mapped =
      this.config.mapError?.({
        status: res.status,
        headers: resHeaders,
        text,
        json,
        method: req.method,
        url,
      }) ?? {};
    const details: VendorErrorDetails = {
      vendor: this.config.vendor,
      kind: mapped.kind ?? kindForStatus(res.status),
      status: res.status,
      method: req.method,
      url,
      property: req.property,
      retryAfterSeconds: retryAfterSeconds(resHeaders["retry-after"]),
      ...mapped,
    };
    if (details.vendorMessage === undefined && text.trim() && json === undefined) {
      details.vendorMessage = text.trim().slice(0, 300);
    }
    if (details.kind === "authentication" && details.remediation === undefined) {
      const field = this.config.credentialField ?? "token";
      details.remediation = `Check the credential (${whereToSet(this.config.prefix, field)}).`;
    }
    return { ok: false, error: vendorError(details), retryAfter: resHeaders["retry-after"] };
  }

  private transportFailure(
    req: HttpRequest,
    url: string,
    err: unknown,
    timeoutMs: number,
  ): { ok: false; error: VendorApiError; errorCode?: string } {
    const e = err as AxiosError & { code?: string; cause?: { code?: string; message?: string } };
    if (this.proxy && (e.cause instanceof TunnelFailure || awaitingProxy(e.request))) {
      return this.proxyFailure(req, url, err, this.proxy, timeoutMs);
    }
    const rawCode = e.cause?.code ?? e.code ?? "EUNKNOWN";
    const message = `${e.message ?? ""} ${e.cause?.message ?? ""}`;
    const timedOut =
      rawCode === "ECONNABORTED" ||
      rawCode === "ETIMEDOUT" ||
      rawCode === "ERR_CANCELED" ||
      /timeout/i.test(message);
    const code = timedOut ? "ETIMEDOUT" : rawCode;
    const prefix = this.config.prefix;
    const ambiguous =
      !failedBeforeSending(code) && !isTlsVerifyFailure(code, message) && !this.isIdempotent(req);
    let summary: string;
    let remediation: string | undefined;
    if (isTlsVerifyFailure(code, message)) {
      summary = `the server certificate of ${this.origin} is not trusted (${code}).`;
      remediation =
        `Set caCertPem (${whereToSet(prefix, "caCertPem")}) to the CA certificate that signed the server's ` +
        `certificate; insecureSkipTlsVerify: true disables the check (not recommended).`;
    } else if (isClientCertRejection(message)) {
      summary = `the server rejected the client certificate during the TLS handshake (${tlsAlert(message)}).`;
      remediation =
        `Check clientCertificatePem and clientPrivateKeyPem (${whereToSet(prefix, "clientCertificatePem")}): ` +
        `the certificate must be issued by a CA the server trusts, unexpired, and match the key.`;
    } else if (timedOut) {
      summary = `no answer from ${this.origin} within ${timeoutMs / 1000} s.`;
      remediation = `Raise timeoutSeconds (${whereToSet(prefix, "timeoutSeconds")}) or check the service's health.${this.proxyHint()}`;
    } else if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
      summary = `cannot reach ${this.origin} (${code}).`;
      remediation = `Check url (${whereToSet(prefix, "url")}) and that the service is up.${code === "ECONNREFUSED" ? "" : this.proxyHint()}`;
    } else {
      summary = `the connection to ${this.origin} failed (${code}).`;
    }
    return {
      ok: false,
      errorCode: code,
      error: vendorError(
        {
          vendor: this.config.vendor,
          kind: "connection",
          vendorCode: code,
          method: req.method,
          url,
          property: req.property,
          remediation,
          ambiguous,
          cause: err,
        },
        summary + (ambiguous ? this.ambiguityNote(req) : ""),
      ),
    };
  }

  /** Timeouts and failed name lookups are what a network whose only way out is a proxy looks like. */
  private proxyHint(): string {
    if (this.proxy) return "";
    return (
      ` If the only way out of this network is an HTTP proxy, set HTTPS_PROXY or ` +
      `${whereToSet(this.config.prefix, "proxyUrl")} (docs/connections.md).`
    );
  }

  /** The proxy refused or failed the tunnel: nothing reached the vendor. */
  private proxyFailure(
    req: HttpRequest,
    url: string,
    err: unknown,
    proxy: ProxyTarget,
    timeoutMs: number,
  ): { ok: false; error: VendorApiError; errorCode: string } {
    const failure = (err as { cause?: unknown }).cause;
    const error = proxyFailureError(failure instanceof TunnelFailure ? failure : undefined, {
      vendor: this.config.vendor,
      origin: this.origin,
      method: req.method,
      url,
      proxy,
      timeoutMs,
      cause: err,
    });
    return { ok: false, errorCode: error.vendorCode ?? "EPROXY", error };
  }

  private ambiguityNote(req: HttpRequest): string {
    if (this.isIdempotent(req)) return "";
    return (
      ` The request had been sent, so ${this.config.vendor} may have acted on it; certplane does not ` +
      `repeat a ${req.method} that creates something, to avoid a duplicate.`
    );
  }

  private isIdempotent(req: HttpRequest): boolean {
    return req.idempotent ?? ["GET", "PUT", "DELETE"].includes(req.method);
  }

  private pathWithQuery(req: HttpRequest): string {
    const pairs = Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined);
    if (pairs.length === 0) return req.path;
    // Commas stay literal (RFC 3986 sub-delims) so list parameters read as the vendors document them.
    const qs = pairs
      .map(
        ([k, v]) =>
          `${encodeURIComponent(k)}=${encodeURIComponent(String(v)).replace(/%2C/gi, ",")}`,
      )
      .join("&");
    return `${req.path}${req.path.includes("?") ? "&" : "?"}${qs}`;
  }

  private fullUrl(req: HttpRequest): string {
    return `${this.config.baseUrl.replace(/\/+$/, "")}${this.pathWithQuery(req)}`;
  }
}

function flattenHeaders(headers: AxiosResponse["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v !== undefined && v !== null)
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}

function retryAfterSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function describeBody(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return "empty";
  return `starts with ${JSON.stringify(trimmed.slice(0, 40))}`;
}

const TLS_VERIFY_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_UNTRUSTED",
]);

function isTlsVerifyFailure(code: string, _message: string): boolean {
  return TLS_VERIFY_CODES.has(code);
}

function isClientCertRejection(message: string): boolean {
  return (
    /alert (certificate required|bad certificate|unknown ca|certificate expired|certificate unknown|handshake failure|decrypt error|access denied)/i.test(
      message,
    ) ||
    /CERTIFICATE_REQUIRED|TLSV1_ALERT_UNKNOWN_CA|SSLV3_ALERT_BAD_CERTIFICATE|SSLV3_ALERT_CERTIFICATE_EXPIRED/i.test(
      message,
    )
  );
}

function tlsAlert(message: string): string {
  const m =
    /alert ([a-z ]+?)(?:\s*[:(]|$)/i.exec(message) ??
    /(TLSV1[3]?_ALERT_[A-Z_]+|SSLV3_ALERT_[A-Z_]+)/.exec(message);
  return m ? m[1].trim() : "handshake failed";
}
