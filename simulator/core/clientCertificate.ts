// Client-certificate checking done by the vendor, not by TLS: listeners only *request* a
// certificate, so a vendor can answer a missing, foreign or expired one with its own documented
// status and error code instead of the handshake failing with a TLS alert.
import { X509Certificate } from "node:crypto";

/** Why a presented client certificate was refused. */
export type ClientCertificateRefusal =
  "missing" | "untrusted" | "issuer-expired" | "expired" | "not-yet-valid";

/** Outcome of {@link verifyClientCertificate}. */
export type ClientCertificateVerdict =
  | { ok: true; certificate: X509Certificate; issuer: X509Certificate }
  | { ok: false; reason: ClientCertificateRefusal; certificate?: X509Certificate };

/**
 * Checks a client certificate against a vendor's trusted issuers at the simulator's time.
 * Order of checks: present → signed by one of `trustedIssuers` → issuer valid → leaf valid.
 * @param presented - the request's client certificate (undefined when none was sent)
 * @param trustedIssuers - the CA certificates this vendor accepts client certificates from
 * @param now - the simulator clock's time (so clock offsets expire certificates)
 */
export function verifyClientCertificate(
  presented: X509Certificate | undefined,
  trustedIssuers: readonly X509Certificate[],
  now: Date,
): ClientCertificateVerdict {
  if (!presented) return { ok: false, reason: "missing" };
  const issuer = trustedIssuers.find(
    (candidate) => presented.checkIssued(candidate) && presented.verify(candidate.publicKey),
  );
  if (!issuer) return { ok: false, reason: "untrusted", certificate: presented };
  if (!isWithinValidity(issuer, now)) {
    return { ok: false, reason: "issuer-expired", certificate: presented };
  }
  if (now.getTime() < new Date(presented.validFrom).getTime()) {
    return { ok: false, reason: "not-yet-valid", certificate: presented };
  }
  if (now.getTime() > new Date(presented.validTo).getTime()) {
    return { ok: false, reason: "expired", certificate: presented };
  }
  return { ok: true, certificate: presented, issuer };
}

function isWithinValidity(certificate: X509Certificate, now: Date): boolean {
  const time = now.getTime();
  return (
    time >= new Date(certificate.validFrom).getTime() &&
    time <= new Date(certificate.validTo).getTime()
  );
}
