/**
 * X.509 parsing for outputs and cross-checks, on Node's native `X509Certificate` and @peculiar/x509
 * (CSRs). Fingerprints and serials are formatted as `openssl x509 -fingerprint -sha256 -serial` prints
 * them, so users can compare outputs with openssl's directly.
 */
import { createHash, createPublicKey, KeyObject, X509Certificate } from "node:crypto";
import { x509 } from "./peculiar";
import { pemBlocksOf } from "./pem";

/** What certplane reports about a certificate. */
export interface CertificateInfo {
  /** The certificate PEM (normalized). */
  pem: string;
  /** Subject as `CN=nso-user, O=Acme` (RFC 4514-ish, most specific last as openssl prints). */
  subject: string;
  issuer: string;
  /** Uppercase hex, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** `AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, hex: compares keys across cert/CSR/private key. */
  publicKeySha256: string;
  /** Subject alternative names as Node prints them (`DNS:a, IP Address:1.2.3.4`), or "". */
  subjectAltName: string;
  /** Whether the certificate is a CA. */
  isCa: boolean;
  /** Key usage names (`digitalSignature`, `keyCertSign`, …) when present. */
  keyUsages: string[];
  /** Extended key usage OIDs when present. */
  extendedKeyUsages: string[];
}

/** Parses the first CERTIFICATE block of `pem`; throws a plain Error naming the problem otherwise. */
export function parseCertificate(pem: string): CertificateInfo {
  const blocks = pemBlocksOf(pem, "CERTIFICATE");
  if (blocks.length === 0) throw new Error('no "-----BEGIN CERTIFICATE-----" block found');
  const cert = new X509Certificate(blocks[0]);
  const peculiar = new x509.X509Certificate(blocks[0]);
  const ku = peculiar.getExtension(x509.KeyUsagesExtension);
  const eku = peculiar.getExtension(x509.ExtendedKeyUsageExtension);
  return {
    pem: blocks[0],
    subject: oneLineName(cert.subject),
    issuer: oneLineName(cert.issuer),
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprintSha256: cert.fingerprint256,
    publicKeySha256: spkiSha256(cert.publicKey),
    subjectAltName: cert.subjectAltName ?? "",
    isCa: cert.ca,
    keyUsages: ku ? keyUsageNames(ku.usages) : [],
    extendedKeyUsages: eku ? eku.usages.map(String) : [],
  };
}

/** Every certificate PEM in a bundle, in order. */
export function certificatesIn(pem: string): string[] {
  return pemBlocksOf(pem, "CERTIFICATE");
}

/** What certplane reads from a CSR. */
export interface CsrInfo {
  pem: string;
  subject: string;
  publicKeySha256: string;
  /** Whether the CSR's self-signature verifies. */
  signatureValid: boolean;
}

/** Parses the first CERTIFICATE REQUEST block (also the legacy `NEW CERTIFICATE REQUEST` label). */
export async function parseCsr(pem: string): Promise<CsrInfo> {
  const block =
    pemBlocksOf(pem, "CERTIFICATE REQUEST")[0] ?? pemBlocksOf(pem, "NEW CERTIFICATE REQUEST")[0];
  if (!block) throw new Error('no "-----BEGIN CERTIFICATE REQUEST-----" block found');
  const csr = new x509.Pkcs10CertificateRequest(
    block.replace(/NEW CERTIFICATE REQUEST/g, "CERTIFICATE REQUEST"),
  );
  const spki = Buffer.from(csr.publicKey.rawData);
  let signatureValid = false;
  try {
    signatureValid = await csr.verify();
  } catch {
    signatureValid = false;
  }
  return {
    pem: block,
    subject: csr.subject,
    publicKeySha256: createHash("sha256").update(spki).digest("hex"),
    signatureValid,
  };
}

/** SHA-256 (hex) of a key's DER SubjectPublicKeyInfo; accepts a KeyObject or a PEM (public or private). */
export function spkiSha256(key: KeyObject | string): string {
  const publicKey =
    typeof key === "string"
      ? createPublicKey(key)
      : key.type === "private"
        ? createPublicKey(key)
        : key;
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex");
}

/** Whether the certificate certifies the key in `keyPem` (public or private key PEM). */
export function certificateMatchesKey(certPem: string, keyPem: string): boolean {
  return parseCertificate(certPem).publicKeySha256 === spkiSha256(keyPem);
}

/** Node prints names one attribute per line; certplane's outputs use one line, comma-separated. */
function oneLineName(multiLine: string): string {
  return multiLine
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean)
    .join(", ");
}

const KEY_USAGE_BITS: Array<[number, string]> = [
  [x509.KeyUsageFlags.digitalSignature, "digitalSignature"],
  [x509.KeyUsageFlags.nonRepudiation, "nonRepudiation"],
  [x509.KeyUsageFlags.keyEncipherment, "keyEncipherment"],
  [x509.KeyUsageFlags.dataEncipherment, "dataEncipherment"],
  [x509.KeyUsageFlags.keyAgreement, "keyAgreement"],
  [x509.KeyUsageFlags.keyCertSign, "keyCertSign"],
  [x509.KeyUsageFlags.cRLSign, "cRLSign"],
  [x509.KeyUsageFlags.encipherOnly, "encipherOnly"],
  [x509.KeyUsageFlags.decipherOnly, "decipherOnly"],
];

function keyUsageNames(flags: number): string[] {
  return KEY_USAGE_BITS.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
}
