/**
 * What `pca.SignedCertificate` keeps of its inputs in state, and how `diff`/`update` decide a change
 * without them (issue 28, "store each thing once").
 *
 * `certRequestPem` and `privateKeyPem` only feed PCA's calls (sign, mTLS validate), and the engine
 * already stores them as inputs, so they are not echoed into the outputs (the key would be stored a
 * second time as ciphertext, ~2.4 KB for RSA). The outputs keep what is needed to compare:
 * - the CSR: `certRequestSha256`, the SHA-256 of its DER (so a re-wrapped PEM of the same request is
 *   no change);
 * - the key: the certificate certifies the CSR's key (checked at create), and `validated` is present
 *   exactly when a key was given (as PEM, or in a token through `pkcs11`, which the outputs echo as
 *   given). So a PEM key is "the same" when one was there before and its public key is the
 *   certificate's; no PEM key is "the same" when nothing was validated or a token key was.
 * State written by earlier releases still holds both echoes (and no fingerprint): it is compared as
 * before, by text, and the echoes are dropped at its next update or refresh.
 */
import { createHash } from "node:crypto";
import { sameValue } from "../core/hooks";
import { pemBlocksOf } from "../core/pem";
import { parseCertificate, spkiSha256 } from "../core/x509";
import type { SignedCertificateInputs } from "./signedCertificateInputs";

/** Inputs that are never echoed into the outputs. */
const INPUT_ONLY = ["certRequestPem", "privateKeyPem"] as const;

/** What the comparisons read from the old outputs (either layout). */
export interface StoredFacts {
  certificatePem: string;
  certRequestSha256?: string;
  validated?: boolean;
  /** The token settings validated with, as given (echoed: small, the PIN only as a secret). */
  pkcs11?: unknown;
  /** Only in state written before the CSR stopped being echoed. */
  certRequestPem?: string;
  /** Only in state written before the key stopped being echoed. */
  privateKeyPem?: string;
}

/** SHA-256 (hex) of the CSR's DER: its first `CERTIFICATE REQUEST` block (else the text itself). */
export function certRequestSha256(pem: string): string {
  const [block] = pemBlocksOf(pem, "CERTIFICATE REQUEST");
  const der =
    block === undefined
      ? Buffer.from(pem, "utf8")
      : Buffer.from(block.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
  return createHash("sha256").update(der).digest("hex");
}

/** Whether `next` is the CSR the certificate was signed for. */
export function sameCertRequest(next: string, olds: StoredFacts): boolean {
  if (olds.certRequestSha256 === undefined) return sameValue(olds.certRequestPem, next);
  return certRequestSha256(next) === olds.certRequestSha256;
}

/** Whether `next` (or no PEM key) is the PEM key the outputs were made with. */
export function sameKey(next: string | undefined, olds: StoredFacts): boolean {
  if (olds.privateKeyPem !== undefined) return sameValue(olds.privateKeyPem, next);
  if (next === undefined) return olds.validated === undefined || olds.pkcs11 !== undefined;
  return olds.validated !== undefined && certifiesKey(olds.certificatePem, next);
}

function certifiesKey(certificatePem: string, keyPem: string): boolean {
  try {
    return parseCertificate(certificatePem).publicKeySha256 === spkiSha256(keyPem);
  } catch {
    return false;
  }
}

/** The inputs as the outputs hold them: without the input-only fields, with the CSR's fingerprint. */
export function storedInputs(inputs: SignedCertificateInputs) {
  const stored: Record<string, unknown> = { ...inputs };
  for (const name of INPUT_ONLY) delete stored[name];
  return {
    ...(stored as Omit<SignedCertificateInputs, (typeof INPUT_ONLY)[number]>),
    certRequestSha256: certRequestSha256(inputs.certRequestPem),
  };
}

/** Old outputs without the echoes an earlier release stored (they are not written back). */
export function withoutEchoes<T extends object>(olds: T): Omit<T, (typeof INPUT_ONLY)[number]> {
  const rest = { ...olds } as Record<string, unknown>;
  for (const name of INPUT_ONLY) delete rest[name];
  return rest as Omit<T, (typeof INPUT_ONLY)[number]>;
}

/** Whether `next` (or no token key) is the `pkcs11` the outputs were validated with. */
export function samePkcs11(next: unknown, olds: StoredFacts): boolean {
  return sameValue(olds.pkcs11, next);
}
