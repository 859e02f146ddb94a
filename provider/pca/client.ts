/**
 * The only code that talks to Cisco PCA's API listener (seed 000): sign a CSR, and validate a
 * certificate over mTLS. Both follow the seed's command lines exactly.
 *
 * @see https://docs.accedian.io/docs/mtls-certificates
 */
import { sourceOf, type ResolvedConnection } from "../core/connection";
import { AuthenticationError, CertplaneError, VendorApiError } from "../core/errors";
import { certificatesIn, parseCertificate, parseCsr, type CertificateInfo } from "../core/x509";
import type { Pkcs11Settings } from "../csr/pkcs11Settings";
import { pcaTokenKeyGet } from "./tokenKeyValidation";
import { pcaHttpClient } from "./connection";

/** What to sign. */
export interface SignCsrRequest {
  certRequestPem: string;
  certDurationHours: number;
  requestedUsername: string;
  assignedRoles: readonly string[];
}

/** What sign-csr answered: the certificate for the CSR, and any issuer certificates after it. */
export interface SignedCsr {
  certificate: CertificateInfo;
  /** Issuer certificates PCA sent along (PEM, in its order); `""` when it sent the leaf only. */
  chainPem: string;
}

/** The outcome of the mTLS validate call. */
export interface ValidationResult {
  authorized: boolean;
  /** Why PCA refused it (its error code and message), when it did. */
  reason?: string;
}

/**
 * The key presented with the certificate in the mTLS validate call: a PEM key, or a key that stays
 * in a PKCS#11 token (the handshake then signs in the token, ./tokenKeyValidation.ts).
 */
export type ValidationKey =
  | { privateKeyPem: string }
  | {
      pkcs11: Pkcs11Settings;
      /** OpenSSL's PKCS#11 engine, found once when the key is resolved (../csr/pkcs11Engine.ts). */
      enginePath: string;
    };

/** The path of PCA's mTLS validate endpoint (seed 000 step 4). */
const VALIDATE_PATH = "/api/v1/auth/cert/validate/authorization";

/** PCA's sign-csr and validate calls for one resolved connection. */
export class PcaClient {
  constructor(private readonly conn: ResolvedConnection) {}

  /**
   * `POST /distribution/sign-csr`: never retried after the request may have reached PCA (each call
   * issues a new certificate and PCA has no lookup or revoke API to recover one).
   * @returns the signed certificate, checked to certify the CSR's key, and the chain if PCA sent one
   */
  async signCsr(request: SignCsrRequest): Promise<SignedCsr> {
    const client = pcaHttpClient(this.conn, { withToken: true });
    let pem: string;
    try {
      const answer = await client.request<string>({
        method: "POST",
        path: "/distribution/sign-csr",
        query: {
          certduration: request.certDurationHours,
          format: "pem",
          requestedUsername: request.requestedUsername,
          // Literal commas, as in the seed's URL (the HTTP client keeps them unencoded).
          assignedRoles:
            request.assignedRoles.length > 0 ? request.assignedRoles.join(",") : undefined,
        },
        headers: { "Content-Type": "application/octet-stream" },
        body: Buffer.from(request.certRequestPem),
        responseType: "text",
        property: "certRequestPem",
      });
      pem = answer.data;
    } catch (error) {
      throw this.explain(error);
    }
    // Whether PCA appends its issuer chain is undocumented (vendor-apis.md 2.2), so take the block
    // that certifies the CSR's key as the leaf, wherever it is, and keep the rest as the chain.
    let blocks: CertificateInfo[];
    try {
      blocks = certificatesIn(pem).map(parseCertificate);
    } catch {
      blocks = [];
    }
    if (blocks.length === 0) {
      throw new CertplaneError(
        "PCA answered sign-csr with a body that is not a PEM certificate, so PCA may have acted on it: " +
          "a certificate may have been issued that certplane cannot find or revoke (it expires after " +
          "certDurationHours). Fix: check the PCA URL points at the distribution API (port 443) and " +
          "run `pulumi up` again.",
      );
    }
    const csr = await parseCsr(request.certRequestPem);
    const certificate = blocks.find((block) => block.publicKeySha256 === csr.publicKeySha256);
    if (certificate === undefined) {
      throw new CertplaneError(
        `PCA returned a certificate (serial ${blocks[0].serialNumber}) whose public key is not the CSR's; refusing it.`,
      );
    }
    const chainPem = blocks
      .filter((block) => block !== certificate)
      .map((block) => block.pem)
      .join("");
    return { certificate, chainPem };
  }

  /**
   * `GET /api/v1/auth/cert/validate/authorization` presenting the certificate and its key (PEM or
   * in a token). A 401 or 403 is an answer (not authorized), not an error.
   */
  async validate(certificatePem: string, key: ValidationKey): Promise<ValidationResult> {
    const answer =
      "pkcs11" in key
        ? await pcaTokenKeyGet(this.conn, VALIDATE_PATH, certificatePem, key.pkcs11, key.enginePath)
        : await pcaHttpClient(this.conn, {
            withToken: false,
            clientCertificatePem: certificatePem,
            clientPrivateKeyPem: key.privateKeyPem,
          }).request<unknown>({
            method: "GET",
            path: VALIDATE_PATH,
            acceptStatus: [401, 403],
            responseType: "text",
            property: "privateKeyPem",
          });
    if (answer.status >= 200 && answer.status < 300) return { authorized: true };
    let reason = `HTTP ${answer.status}`;
    try {
      const body = JSON.parse(answer.text) as { error?: string; message?: string };
      if (body.error || body.message)
        reason = `${body.error ?? answer.status}: ${body.message ?? ""}`.trim();
    } catch {
      // not JSON: keep the status
    }
    return { authorized: false, reason };
  }

  /** Adds where the token came from to a 401, and what an ambiguous sign-csr failure means. */
  private explain(error: unknown): unknown {
    if (error instanceof AuthenticationError) {
      return new CertplaneError(
        `${error.message} The PCA token was taken from ${sourceOf(this.conn, "token")}; ` +
          "give a valid Bearer or PAT token there.",
      );
    }
    if (error instanceof VendorApiError && error.ambiguous) {
      return new CertplaneError(
        `${error.message} sign-csr is not retried after the request may have reached PCA: a ` +
          "certificate may have been issued (PCA has no API to find or revoke it; it expires after " +
          "certDurationHours). Run `pulumi up` again to request a new one.",
      );
    }
    return error;
  }
}
