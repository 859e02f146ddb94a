/**
 * NetFoundry's create is not idempotent, so a POST whose answer never arrived (timeout, reset after
 * sending, a garbled body) is never repeated — but it may have created the certificate. Listing the
 * Frontdoor before the POST lets certplane find the one it made afterwards (a new id with the
 * declared name and value) and record it, instead of leaving it orphaned or adding a duplicate.
 */
import { VendorApiError } from "../core/errors";
import { parseCertificate, parseCsr } from "../core/x509";
import type { ClientCertificateInfo, NetfoundryClient } from "./client";

/** What is being created. */
export interface NewClientCertificate {
  frontdoorId: string;
  name: string;
  certificatePem?: string;
  certRequestPem?: string;
}

/** Whether a certificate NetFoundry holds is the one `wanted` asked for. */
async function isTheRequested(value: string, wanted: NewClientCertificate): Promise<boolean> {
  try {
    if (wanted.certificatePem !== undefined) {
      return (
        parseCertificate(value).fingerprintSha256 ===
        parseCertificate(wanted.certificatePem).fingerprintSha256
      );
    }
    const csr = await parseCsr(wanted.certRequestPem as string);
    return parseCertificate(value).publicKeySha256 === csr.publicKeySha256;
  } catch {
    return false;
  }
}

/**
 * POSTs the certificate once; after an ambiguous failure, returns the certificate the POST made if
 * NetFoundry has it, else rethrows.
 */
export async function createOnce(
  nf: NetfoundryClient,
  wanted: NewClientCertificate,
): Promise<ClientCertificateInfo> {
  const before = new Set((await nf.list(wanted.frontdoorId)).map((existing) => existing.id));
  const value = (wanted.certificatePem ?? wanted.certRequestPem) as string;
  try {
    return await nf.create(wanted.frontdoorId, wanted.name, value);
  } catch (error) {
    if (!(error instanceof VendorApiError) || !error.ambiguous) throw error;
    const fresh = (await nf.list(wanted.frontdoorId)).filter(
      (candidate) => !before.has(candidate.id) && candidate.name === wanted.name,
    );
    for (const candidate of fresh) {
      const full = await nf.get(wanted.frontdoorId, candidate.id);
      if (full?.value && (await isTheRequested(full.value, wanted))) return full;
    }
    throw error;
  }
}
