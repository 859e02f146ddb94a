/**
 * The typed error hierarchy every vendor client throws.
 *
 * A `VendorApiError` says which vendor answered, the HTTP status, the vendor's own code (e.g.
 * `ERR-SSH_NB-268`), the remediation from the vendor's documentation, and the request (method and a
 * redacted URL). Its message is redacted at construction, so no caller can leak a credential by
 * printing it. `PartialCreateError` is the shape Pulumi's dynamic-provider host turns into a partial
 * create (`id`, `properties`, `reasons`), so an object the vendor created is never orphaned.
 */
import { redact, redactUrl } from "./redact";

/** The vendors certplane talks to, as named in error messages. */
export type VendorName = "PCA" | "Zitadel" | "AppViewX" | "NetFoundry" | "Oracle SBC";

/** What kind of failure a vendor error is; decides retry and how the message reads. */
export type VendorErrorKind =
  | "authentication"
  | "permission"
  | "not-found"
  | "conflict"
  | "locked"
  | "rate-limit"
  | "validation"
  | "server"
  | "connection";

/** Everything known about one failed vendor call. */
export interface VendorErrorDetails {
  vendor: VendorName;
  kind: VendorErrorKind;
  /** HTTP status, when the vendor answered. */
  status?: number;
  /** The vendor's own error code (appStatusCode, gRPC code, `error` field, …). */
  vendorCode?: string;
  /** The vendor's message (redacted). */
  vendorMessage?: string;
  /** What the user can do about it, from the vendor's documentation. */
  remediation?: string;
  /** HTTP method of the failed request. */
  method?: string;
  /** URL of the failed request (redacted before storing). */
  url?: string;
  /** The resource Args property the failure is about, when known. */
  property?: string;
  /** True when the request may have been applied although no answer arrived (timeout after send). */
  ambiguous?: boolean;
  /** Seconds the vendor asked us to wait (Retry-After). */
  retryAfterSeconds?: number;
  /** Underlying error (kept for debugging, never printed). */
  cause?: unknown;
}

/** Base class of every certplane error: its message is always redacted. */
export class CertplaneError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = new.target.name;
  }
}

/** A vendor API call failed; see {@link VendorErrorDetails}. */
export class VendorApiError extends CertplaneError {
  readonly vendor: VendorName;
  readonly kind: VendorErrorKind;
  readonly status?: number;
  readonly vendorCode?: string;
  readonly vendorMessage?: string;
  readonly remediation?: string;
  readonly method?: string;
  readonly url?: string;
  readonly property?: string;
  readonly ambiguous: boolean;
  readonly retryAfterSeconds?: number;

  constructor(details: VendorErrorDetails, summary?: string) {
    super(composeMessage(details, summary));
    this.vendor = details.vendor;
    this.kind = details.kind;
    this.status = details.status;
    this.vendorCode = details.vendorCode;
    this.vendorMessage =
      details.vendorMessage === undefined ? undefined : redact(details.vendorMessage);
    this.remediation = details.remediation ?? defaultRemediation(details.kind);
    this.method = details.method;
    this.url = details.url === undefined ? undefined : redactUrl(details.url);
    this.property = details.property;
    this.ambiguous = details.ambiguous ?? false;
    this.retryAfterSeconds = details.retryAfterSeconds;
    // Keep the cause off the enumerable surface: it may hold request config with credentials.
    Object.defineProperty(this, "cause", { value: details.cause, enumerable: false });
  }
}

/** 401: the credential is missing, invalid or expired. */
export class AuthenticationError extends VendorApiError {}
/** 403: the credential is valid but lacks a role or permission. */
export class PermissionError extends VendorApiError {}
/** 404: the object (or the API path) does not exist. */
export class NotFoundError extends VendorApiError {}
/** 409: the object already exists. */
export class ConflictError extends VendorApiError {}
/** 423: a configuration lock is held (Oracle SBC). */
export class LockedError extends VendorApiError {}
/** 429: too many requests. */
export class RateLimitError extends VendorApiError {}
/** 400/422: the vendor rejected the request's content. */
export class ValidationError extends VendorApiError {}
/** 5xx: the vendor failed. */
export class ServerError extends VendorApiError {}
/** No usable answer: DNS, TCP, TLS, timeout or a malformed body. */
export class ConnectionError extends VendorApiError {}

/**
 * The egress proxy, not the vendor, failed the tunnel: it refused CONNECT (407, 403, 502, …), could
 * not be reached, or did not answer. Nothing reached the vendor, so it is never ambiguous.
 */
export class ProxyError extends ConnectionError {
  /** The proxy, as `scheme://host:port` (credentials removed). */
  readonly proxy: string;
  /** The proxy's status line for a refused CONNECT; undefined when it never answered. */
  readonly proxyStatus?: number;

  constructor(
    details: VendorErrorDetails & { proxy: string; proxyStatus?: number },
    summary: string,
  ) {
    super({ ...details, kind: "connection", ambiguous: false }, summary);
    this.proxy = details.proxy;
    this.proxyStatus = details.proxyStatus;
  }
}

const errorClassByKind: Record<
  VendorErrorKind,
  new (d: VendorErrorDetails, s?: string) => VendorApiError
> = {
  authentication: AuthenticationError,
  permission: PermissionError,
  "not-found": NotFoundError,
  conflict: ConflictError,
  locked: LockedError,
  "rate-limit": RateLimitError,
  validation: ValidationError,
  server: ServerError,
  connection: ConnectionError,
};

/** Builds the error subclass matching `details.kind`. */
export function vendorError(details: VendorErrorDetails, summary?: string): VendorApiError {
  return new errorClassByKind[details.kind](details, summary);
}

/** The error kind an HTTP status maps to when the vendor gives nothing more specific. */
export function kindForStatus(status: number): VendorErrorKind {
  if (status === 401) return "authentication";
  if (status === 403) return "permission";
  if (status === 404 || status === 410) return "not-found";
  if (status === 409) return "conflict";
  if (status === 423) return "locked";
  if (status === 429) return "rate-limit";
  if (status >= 500) return "server";
  return "validation";
}

function composeMessage(d: VendorErrorDetails, summary?: string): string {
  const parts: string[] = [];
  const code = d.vendorCode ? ` ${d.vendorCode}` : "";
  const status = d.status ? ` (HTTP ${d.status}${code})` : code ? ` (${code.trim()})` : "";
  parts.push(`${d.vendor}${status}: ${summary ?? d.vendorMessage ?? defaultSummary(d.kind)}`);
  if (summary && d.vendorMessage) parts.push(`Vendor said: ${d.vendorMessage}`);
  if (d.property) parts.push(`Property: ${d.property}.`);
  const remediation = d.remediation ?? defaultRemediation(d.kind);
  if (remediation) parts.push(`Fix: ${remediation}`);
  if (d.method && d.url) parts.push(`Request: ${d.method.toUpperCase()} ${redactUrl(d.url)}`);
  return parts.join(" ");
}

/**
 * What to do about failures that carry no vendor-specific advice: those that are not the user's
 * input (the vendor failed, throttled, or the network did), so the advice is the same everywhere.
 */
function defaultRemediation(kind: VendorErrorKind): string | undefined {
  switch (kind) {
    case "server":
      return "the failure is on the vendor's side; run `pulumi up` again once it is healthy (certplane already retried what is safe to repeat).";
    case "rate-limit":
      return "wait a minute and run `pulumi up` again, or lower `pulumi up --parallel`.";
    case "connection":
      return "check the network path to the vendor (proxy, firewall, load balancer) and run `pulumi up` again.";
    default:
      return undefined;
  }
}

function defaultSummary(kind: VendorErrorKind): string {
  switch (kind) {
    case "authentication":
      return "authentication failed.";
    case "permission":
      return "permission denied.";
    case "not-found":
      return "not found.";
    case "conflict":
      return "the object already exists.";
    case "locked":
      return "the configuration is locked.";
    case "rate-limit":
      return "rate limited.";
    case "validation":
      return "the request was rejected.";
    case "server":
      return "the server failed.";
    case "connection":
      return "no usable answer.";
  }
}

/**
 * Thrown from `create`/`update` after the vendor created something but a later step failed. Pulumi's
 * dynamic-provider host reads `id`, `properties` and `reasons` and records the resource as created
 * with initialization errors, so the next `up` can update or replace it instead of orphaning it.
 *
 * `properties` carry the dynamic provider's `__provider` when the hook's inputs (`news`) had one:
 * the host adds it to a successful result's outputs but not to a partial one's, and its `delete`
 * loads the provider from the stored outputs, so without it the recorded resource could not be
 * destroyed ("code must be a string, not undefined"). The plugin door passes none, and gets none.
 */
export class PartialCreateError extends CertplaneError {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  /**
   * @param properties - what exists, as the resource's outputs
   * @param news - the hook's inputs as the engine passed them (`__provider` included, if any)
   */
  constructor(
    id: string,
    properties: Record<string, unknown>,
    reasons: string[],
    news: Record<string, unknown>,
  ) {
    const cleanReasons = reasons.map((r) => redact(r));
    super(cleanReasons.join("; "));
    this.id = id;
    this.properties =
      typeof news.__provider === "string"
        ? { ...properties, __provider: news.__provider }
        : properties;
    this.reasons = cleanReasons;
  }
}

/** Turns anything thrown into a message that is safe to show. */
export function safeMessage(err: unknown): string {
  if (err instanceof Error) return redact(err.message);
  return redact(String(err));
}
