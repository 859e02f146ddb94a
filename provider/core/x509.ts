/**
 * X.509 parsing for outputs and cross-checks, on Node's native `X509Certificate` and @peculiar/x509
 * (CSRs). Fingerprints and serials are formatted as `openssl x509 -fingerprint -sha256 -serial` prints
 * them, so users can compare outputs with openssl's directly.
 */
import { createHash, createPublicKey, KeyObject, X509Certificate } from "node:crypto";
import { childrenOf, readElement } from "./der";
import { formatName, nameAttributes } from "./distinguishedName";
import { x509 } from "./peculiar";
import { pemBlocksOf } from "./pem";

/** What certplane reports about a certificate. */
export interface CertificateInfo {
  /** The certificate PEM (normalized). */
  pem: string;
  /**
   * Subject as `C=US, O=Acme, CN=nso-user`: the certificate's RDN order (most general first, as openssl
   * prints it) with every value escaped as RFC 4514 requires (./distinguishedName).
   */
  subject: string;
  /** Issuer, printed as `subject`. */
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
  const names = certificateNames(cert.raw);
  const ku = peculiar.getExtension(x509.KeyUsagesExtension);
  const eku = peculiar.getExtension(x509.ExtendedKeyUsageExtension);
  return {
    pem: blocks[0],
    subject: formatName(nameAttributes(names.subject)),
    issuer: formatName(nameAttributes(names.issuer)),
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
  /** Subject, printed as {@link CertificateInfo.subject}. */
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
    subject: formatName(nameAttributes(csrSubjectDer(Buffer.from(csr.rawData)))),
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

/** The issuer and subject Names (DER) of a certificate, as encoded in its TBSCertificate. */
function certificateNames(certificateDer: Buffer): { issuer: Buffer; subject: Buffer } {
  const [tbs] = childrenOf(readElement(certificateDer).content);
  const fields = childrenOf(tbs.content);
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, …
  const first = fields[0].tag === 0xa0 ? 1 : 0;
  return { issuer: fields[first + 2].encoded, subject: fields[first + 4].encoded };
}

/** The subject Name (DER) of a PKCS#10 request: CertificationRequestInfo's second field. */
function csrSubjectDer(csrDer: Buffer): Buffer {
  const [info] = childrenOf(readElement(csrDer).content);
  return childrenOf(info.content)[1].encoded;
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
