/**
 * The only code that talks to AppViewX CERT+: SSH certificate enrollment over mTLS (seed 002) and,
 * for revocation, session login + revoke (vendor-apis.md 3.1/3.4). Both HTTP status and
 * `appStatusCode` are checked; enroll is never retried after it may have been applied.
 *
 * @see https://docs.appviewx.com/2026.1.0/oxy_ex/SSH_Create_Certificate_with_MTLS.html
 */
import { requireField, stringField, type ResolvedConnection } from "../core/connection";
import { CertplaneError, vendorError, VendorApiError } from "../core/errors";
import { appviewxHttpClient } from "./connection";
import { remediationFor } from "./errorCodes";

/** The enroll body of seed 002 (Table 1 payload). */
export interface EnrollRequest {
  publicKey: string;
  validityValue: number;
  validityUnit: string;
  certificateIdentity: string;
  caName: string;
  principals: string[];
  certType: "User" | "Host";
}

/** Table 3, the fields certplane uses. */
export interface EnrollResponse {
  fingerPrint: string;
  certType: string;
  signingCA: string;
  keyId: string;
  serialNumber: string;
  validFrom: number;
  validTo: number;
  principals: string[];
  certContent: string;
  caName: string;
  certStatus: string;
  /** The certificate's extensions, e.g. `{permitPty: true}` (seed 002, Table 3). */
  extensions?: unknown;
}

interface Envelope<T> {
  response?: T;
  message?: string | null;
  appStatusCode?: string | null;
}

const SUCCESS = "SSH-NB-200";

/** AppViewX calls for one resolved connection. */
export class AppViewXClient {
  constructor(private readonly conn: ResolvedConnection) {}

  private get gwsource(): string {
    return stringField(this.conn, "gwsource") ?? "external";
  }

  /** `POST /ssh/cert/enroll?gwsource=…` with the client certificate presented in the TLS handshake. */
  async enroll(request: EnrollRequest): Promise<EnrollResponse> {
    const http = appviewxHttpClient(this.conn, "enroll");
    let answer;
    try {
      answer = await http.request<Envelope<EnrollResponse>>({
        method: "POST",
        path: "/ssh/cert/enroll",
        query: { gwsource: this.gwsource },
        headers: { "Content-Type": "application/json" },
        body: request,
      });
    } catch (error) {
      if (error instanceof VendorApiError && error.ambiguous) {
        throw new CertplaneError(
          `${error.message} Enroll is not retried after the request may have reached AppViewX: a certificate may have been issued for this key ` +
            "(a second enroll would then fail with ERR-SSH_NB-268). Check CERT+ and revoke it there, or rotate the key, then run `pulumi up` again.",
        );
      }
      throw error;
    }
    const code = answer.data.appStatusCode ?? undefined;
    if (code !== SUCCESS || !answer.data.response) {
      // Failures can arrive as HTTP 200 with an error appStatusCode (vendor-apis.md 3.2).
      const advice = code ? remediationFor(code) : undefined;
      throw vendorError({
        vendor: "AppViewX",
        kind: "validation",
        status: answer.status,
        vendorCode: code,
        vendorMessage: answer.data.message ?? undefined,
        remediation: advice?.remediation,
        property: advice?.property,
      });
    }
    return answer.data.response;
  }

  /** Logs in and revokes an Active certificate; "not Active" counts as already revoked. */
  async revoke(
    caName: string,
    serialNumber: string,
    groupName: string,
    reason: string | undefined,
  ): Promise<"revoked" | "not-active"> {
    const http = appviewxHttpClient(this.conn, "revocation");
    const login = await http.request<Envelope<{ sessionId?: string }>>({
      method: "POST",
      path: "/avxapi/login",
      query: { gwsource: this.gwsource },
      headers: {
        username: requireField(this.conn, "revocationUsername"),
        password: requireField(this.conn, "revocationPassword"),
        "Content-Type": "application/json",
      },
      body: {},
      // Logging in twice is harmless.
      idempotent: true,
      property: "connection.revocationUsername",
    });
    const sessionId = login.data.response?.sessionId;
    if (!sessionId) throw new CertplaneError("AppViewX login answered without a sessionId.");
    const answer = await http.request<Envelope<unknown>>({
      method: "POST",
      path: "/avxapi/ssh/cert/revoke",
      query: { gwsource: this.gwsource },
      headers: { sessionId, "Content-Type": "application/json" },
      body: { caName: [caName], groupName, serialNumber, reason },
      idempotent: true,
      acceptStatus: [400],
      property: "revocation",
    });
    if (answer.status === 400 && /not in Active status/i.test(answer.data.message ?? ""))
      return "not-active";
    if (answer.status === 400 || answer.data.appStatusCode !== SUCCESS) {
      throw vendorError({
        vendor: "AppViewX",
        kind: "validation",
        status: answer.status,
        vendorCode: answer.data.appStatusCode ?? undefined,
        vendorMessage: answer.data.message ?? undefined,
        property: "revocation",
      });
    }
    return "revoked";
  }
}
