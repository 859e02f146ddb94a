/**
 * The only code that talks to an Oracle SBC (REST v1.2, vendor-apis.md section 1; seed 003 for
 * generateRequest). One method per endpoint; XML in and out; Basic → Bearer token renewed before its
 * 10 minutes (with the current token in the form body so a held lock survives, field name `token`,
 * unconfirmed on a device); device messages surface in errors. Lock discipline lives in ./deviceLock.
 */
import { whereToSet } from "../core/connection";
import { CertplaneError, vendorError, type VendorApiError } from "../core/errors";
import { HttpClient, type HttpRequest, type HttpResponse } from "../core/http";
import { registerSecret } from "../core/redact";
import { GENERATE_REQUEST_TIMEOUT_SECONDS, type SbcConnection } from "./connection";
import {
  asList,
  certificateRecordXml,
  importCertificateXml,
  isEnvelopeOrEmpty,
  parseEnvelope,
  readAttributes,
  type SbcAttributes,
} from "./xml";

/** The API version this client speaks. */
export const SBC_API_VERSION = "v1.2";
/** Tokens live 10 minutes on the device; renew after this many milliseconds. */
export const TOKEN_RENEW_AFTER_MS = 8 * 60 * 1000;
/** The documented 423 text when someone else holds the lock. */
export const LOCKED_BY_ANOTHER_USER = "Resource locked by another user";

/** Injectable timing, for tests. */
export interface SbcClientTiming {
  /** @defaultValue setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds now. @defaultValue Date.now */
  nowMs?: () => number;
}

interface TokenState {
  token: string;
  issuedAtMs: number;
}

// Tokens are shared by every client of one device and user in this process, so resources reuse them.
const tokens = new Map<string, TokenState>();

/** A client of one SBC. */
export class SbcClient {
  /** The device key for the in-process mutex (the base URL). */
  readonly deviceKey: string;
  private readonly http: HttpClient;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly nowMs: () => number;
  /** True between a successful lock and unlock: a re-authentication must then re-lock. */
  private lockHeld = false;

  /**
   * @param connection - the resolved connection
   * @param timing - injectable sleep and clock
   */
  constructor(
    readonly connection: SbcConnection,
    timing: SbcClientTiming = {},
  ) {
    this.deviceKey = connection.url;
    this.sleep = timing.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.nowMs = timing.nowMs ?? Date.now;
    this.http = new HttpClient({
      vendor: "Oracle SBC",
      prefix: "oraclesbc",
      baseUrl: `${connection.url}/rest/${SBC_API_VERSION}`,
      caCertPem: connection.caCertPem,
      insecureSkipTlsVerify: connection.insecureSkipTlsVerify,
      timeoutSeconds: connection.timeoutSeconds,
      proxy: connection.proxy,
      headers: { Accept: "application/xml" },
      sleep: this.sleep,
      mapError: ({ status, text }) => {
        const messages = parseEnvelope(text).messages;
        return {
          vendorMessage: messages.length > 0 ? messages.join("; ") : undefined,
          remediation: remediationFor(status, messages.join(" ")),
        };
      },
    });
  }

  private get tokenKey(): string {
    return `${this.connection.url}\u0000${this.connection.username ?? ""}`;
  }

  /** POST /auth/token (Basic), with the current token in the form body to keep a held lock. */
  private async authenticate(): Promise<string> {
    const { username, password, token } = this.connection;
    if (!(username && password)) {
      if (token) return token;
      throw new CertplaneError("Oracle SBC: no credentials to authenticate with.");
    }
    const current = tokens.get(this.tokenKey);
    const keep = current && this.nowMs() - current.issuedAtMs < 10 * 60 * 1000;
    const res = await this.http.request<string>({
      method: "POST",
      path: "/auth/token",
      headers: {
        Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
        ...(keep ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      body: keep ? `token=${encodeURIComponent(current.token)}` : undefined,
      responseType: "text",
      wellFormed: isEnvelopeOrEmpty,
      bodyFormat: "XML",
      idempotent: true,
    });
    const accessToken = String(parseEnvelope(res.text).data.accessToken ?? "").trim();
    if (!accessToken) {
      throw vendorError(
        { vendor: "Oracle SBC", kind: "server", status: res.status, method: "POST" },
        "answered /auth/token without an <accessToken> in <data>.",
      );
    }
    registerSecret(accessToken);
    tokens.set(this.tokenKey, { token: accessToken, issuedAtMs: this.nowMs() });
    return accessToken;
  }

  /** The current token, renewed when older than {@link TOKEN_RENEW_AFTER_MS}. */
  private async bearer(forceNew = false): Promise<string> {
    if (!(this.connection.username && this.connection.password) && this.connection.token)
      return this.connection.token;
    const current = tokens.get(this.tokenKey);
    if (!forceNew && current && this.nowMs() - current.issuedAtMs < TOKEN_RENEW_AFTER_MS)
      return current.token;
    if (forceNew) tokens.delete(this.tokenKey);
    return this.authenticate();
  }

  /**
   * Sends one request with the Bearer token. A 401 (token expired or revoked) re-authenticates once
   * and retries; if this client held the lock, the lock went with the old token, so it re-locks first.
   */
  private async send(req: HttpRequest): Promise<HttpResponse<string>> {
    const attempt = async (token: string) =>
      this.http.request<string>({
        ...req,
        responseType: "text",
        wellFormed: req.wellFormed ?? isEnvelopeOrEmpty,
        bodyFormat: "XML",
        headers: { ...req.headers, Authorization: `Bearer ${token}` },
      });
    try {
      return await attempt(await this.bearer());
    } catch (err) {
      const canRenew = !!(this.connection.username && this.connection.password);
      if (!canRenew || (err as VendorApiError).status !== 401) throw err;
      const fresh = await this.bearer(true);
      if (this.lockHeld && req.path !== "/configuration/lock") {
        this.lockHeld = false;
        await this.lockOnce();
      }
      return attempt(fresh);
    }
  }

  /** POST /configuration/lock once; throws the 423 as a LockedError. */
  async lockOnce(): Promise<void> {
    // 429/503 are retried by the HTTP layer (the device took nothing); a 423 goes to the caller's loop.
    await this.send({ method: "POST", path: "/configuration/lock" });
    this.lockHeld = true;
  }

  /** POST /configuration/unlock; a 423 means this client does not hold it, which is the goal. */
  async unlock(): Promise<void> {
    this.lockHeld = false;
    await this.send({
      method: "POST",
      path: "/configuration/unlock",
      acceptStatus: [423],
      idempotent: true,
    });
  }

  /**
   * GET one certificate-record; undefined when it does not exist (404).
   * @param name - the record name
   */
  async getRecord(name: string): Promise<SbcAttributes | undefined> {
    const res = await this.send({
      method: "GET",
      path: "/configuration/configElements",
      query: { elementType: "certificate-record", name },
      acceptStatus: [404],
    });
    if (res.status === 404) return undefined;
    return readAttributes(parseEnvelope(res.text).data.configElement);
  }

  /**
   * POST a new certificate-record (lock required); 409 when it exists.
   * @param attributes - `name` plus the attributes to set
   */
  async createRecord(attributes: SbcAttributes): Promise<SbcAttributes> {
    const res = await this.send({
      method: "POST",
      path: "/configuration/configElements",
      headers: { "Content-Type": "application/xml" },
      body: certificateRecordXml(attributes),
      property: "name",
    });
    return readAttributes(parseEnvelope(res.text).data.configElement);
  }

  /**
   * PUT changed attributes of an existing certificate-record (lock required).
   * @param attributes - `name` plus the changed attributes
   */
  async updateRecord(attributes: SbcAttributes): Promise<SbcAttributes> {
    const res = await this.send({
      method: "PUT",
      path: "/configuration/configElements",
      headers: { "Content-Type": "application/xml" },
      body: certificateRecordXml(attributes),
    });
    return readAttributes(parseEnvelope(res.text).data.configElement);
  }

  /**
   * DELETE a certificate-record (lock required); false when it was already gone.
   * @param name - the record name
   */
  async deleteRecord(name: string): Promise<boolean> {
    const res = await this.send({
      method: "DELETE",
      path: "/configuration/configElements",
      query: { elementType: "certificate-record", name },
      acceptStatus: [404],
    });
    return res.status !== 404;
  }

  /**
   * PUT certificates/generateRequest (lock required): the device makes the key and returns the CSR.
   * A regeneration is never retried (it would replace the key again).
   * @param name - the record name
   * @param regenerate - `reGenerate=true`: a new key pair and CSR
   */
  async generateRequest(name: string, regenerate: boolean): Promise<string> {
    const res = await this.send({
      method: "PUT",
      path: "/configuration/certificates/generateRequest",
      query: { recordName: name, reGenerate: regenerate ? "true" : undefined },
      timeoutSeconds: Math.max(this.connection.timeoutSeconds, GENERATE_REQUEST_TIMEOUT_SECONDS),
      retry: regenerate ? false : undefined,
    });
    const request = parseEnvelope(res.text).data.CertificateRequest as
      Record<string, unknown> | undefined;
    const pem = String(request?.certificateSignedRequest ?? "").trim();
    if (!pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
      throw vendorError(
        { vendor: "Oracle SBC", kind: "server", status: res.status, method: "PUT" },
        `answered generateRequest for "${name}" without a PEM in <certificateSignedRequest>.`,
      );
    }
    return `${pem}\n`;
  }

  /**
   * GET certificates?format=pem: the imported certificate, or undefined (404: none imported).
   * @param name - the record name
   */
  async getCertificatePem(name: string): Promise<string | undefined> {
    const res = await this.send({
      method: "GET",
      path: "/configuration/certificates",
      query: { recordName: name, format: "pem" },
      acceptStatus: [404],
    });
    if (res.status === 404) return undefined;
    const details = parseEnvelope(res.text).data.CertificateRecordDetails as
      Record<string, unknown> | undefined;
    const pem = String(details?.certificateRecord ?? "").trim();
    return pem ? `${pem}\n` : undefined;
  }

  /**
   * PUT certificates/import (lock required).
   * @param name - the record name
   * @param pem - certificate (plus chain) PEM
   * @param overwrite - replace the imported certificate (renewal)
   */
  async importCertificate(name: string, pem: string, overwrite: boolean): Promise<void> {
    await this.send({
      method: "PUT",
      path: "/configuration/certificates/import",
      headers: { "Content-Type": "application/xml" },
      body: importCertificateXml(name, pem, overwrite),
      property: "certificatePem",
    });
  }

  /**
   * save → verify → activate (lock required). An action answered 202 was accepted as a job and is
   * polled on admin/asyncstatus to success; one answered 200 or 204 finished synchronously, and a
   * device that does so never reports that job on asyncstatus (it only knows the latest job), so
   * polling for it would wait out the deadline.
   */
  async saveVerifyActivate(): Promise<void> {
    for (const [method, action] of [
      ["PUT", "save"],
      ["PUT", "verify"],
      ["POST", "activate"],
    ] as const) {
      const res = await this.send({
        method,
        path: "/configuration/management",
        query: { action },
        idempotent: true,
      });
      if (res.status === 202) await this.waitForJob(action);
      else jobFinished(action, jobState(parseEnvelope(res.text).data), method);
    }
  }

  /**
   * Polls admin/asyncstatus until it reports `operation` in a terminal state (it only knows the
   * latest job on the box, which is why jobs are serialized per device).
   * @param operation - save, verify or activate
   */
  async waitForJob(operation: string): Promise<void> {
    const deadline = this.nowMs() + Math.max(this.connection.timeoutSeconds, 120) * 1000;
    let delay = 50;
    for (;;) {
      const res = await this.send({ method: "GET", path: "/admin/asyncstatus" });
      const state = jobState(parseEnvelope(res.text).data);
      if (jobFinished(operation, state, "GET")) return;
      if (this.nowMs() >= deadline) {
        throw vendorError(
          { vendor: "Oracle SBC", kind: "connection", vendorCode: "ETIMEDOUT", method: "GET" },
          `${operation} did not finish in time (admin/asyncstatus last said ` +
            `"${state.op || "nothing"}" "${state.status || "nothing"}"). Check the device and re-run; raise ` +
            `timeoutSeconds (${whereToSet("oraclesbc", "timeoutSeconds")}) for a slow device.`,
        );
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, 2000);
    }
  }
}

/** A job's state as the device reports it: `<operationState>` in `<data>`, or `<data>` itself. */
interface JobState {
  op: string;
  status: string;
  additionalInfo: unknown[];
}

function jobState(data: Record<string, unknown>): JobState {
  const state = (data.operationState ?? data) as Record<string, unknown>;
  return {
    op: String(state.operation ?? "").trim(),
    status: String(state.status ?? "").trim(),
    additionalInfo: asList(state.additionalInfo),
  };
}

/**
 * True when `state` reports `operation` succeeded; throws when it reports it ended otherwise; false
 * when it says nothing about it yet (still running, another job, or no state at all, as in a
 * synchronous 200/204 whose status is the result).
 * @param operation - save, verify or activate
 * @param state - what the device reported
 * @param method - the HTTP method of the answer, for the error
 */
function jobFinished(operation: string, state: JobState, method: string): boolean {
  const { op, status, additionalInfo } = state;
  if (op !== operation) return false;
  if (/^(success|succeeded|completed?)$/i.test(status)) return true;
  if (!status || /progress|pending|running|queued/i.test(status)) return false;
  throw vendorError(
    { vendor: "Oracle SBC", kind: "server", vendorCode: status, method },
    `${operation} ended with status "${status}"` +
      `${additionalInfo.length ? `: ${additionalInfo.join(" ")}` : ""}. ` +
      `Run "verify-config" on the device (ACLI) to see the configuration errors, fix them and re-run.`,
  );
}

/** What to do about an SBC status, from vendor-apis.md 1.3 / 5.1. */
function remediationFor(status: number, message: string): string | undefined {
  switch (status) {
    case 401:
      return (
        `Check username and password (${whereToSet("oraclesbc", "username")}; ` +
        `${whereToSet("oraclesbc", "password")}) or the token.`
      );
    case 403:
      return "The SBC user needs administrator privileges for configuration calls.";
    case 404:
      return message.includes("versionId")
        ? "The device does not serve REST v1.2; certplane needs SBC release 8.4 or later."
        : "Certificate endpoints exist only on virtual SBC platforms (not hardware or SLB); check url.";
    case 423:
      return message.includes(LOCKED_BY_ANOTHER_USER)
        ? "Another REST, GUI or ACLI session holds the configuration lock; wait or ask them to release it."
        : "certplane did not hold the configuration lock (it may have expired with a token); re-run.";
    case 426:
      // certplane only sends https://: a hop in between (a proxy or load balancer ending TLS)
      // forwarded the request to the device as plain HTTP.
      return (
        `The SBC serves its REST API over HTTPS only and got plain HTTP: point url ` +
        `(${whereToSet("oraclesbc", "url")}) at the device's HTTPS management address, or make ` +
        `the proxy or load balancer in between forward HTTPS.`
      );
    default:
      return undefined;
  }
}
