/**
 * PKCS#10 CSR generation with @peculiar/x509 over Node's WebCrypto (native signing for RSA, ECDSA and
 * Ed25519 — node-forge's CSR path is RSA-only and pure JavaScript).
 */
import { createPublicKey, KeyObject, webcrypto } from "node:crypto";
import { describeKey, webCryptoAlgorithm } from "../core/keys";
import { x509 } from "../core/peculiar";

/** Subject fields, named as `@pulumi/tls` names them (plus emailAddress). */
export interface SubjectFields {
  commonName?: string;
  organization?: string;
  organizationalUnit?: string;
  country?: string;
  province?: string;
  locality?: string;
  streetAddresses?: string[];
  postalCode?: string;
  serialNumber?: string;
  emailAddress?: string;
}

/** Subject alternative names by kind. */
export interface SubjectAltNames {
  dnsNames?: string[];
  ipAddresses?: string[];
  uris?: string[];
  emailAddresses?: string[];
}

/**
 * RDN order as Go's crypto/x509 (and so `@pulumi/tls`) writes it: C, ST, L, street, postalCode, O, OU,
 * CN, serialNumber — plus emailAddress last, where OpenSSL puts it.
 */
const SUBJECT_ORDER: Array<[keyof SubjectFields, string]> = [
  ["country", "C"],
  ["province", "ST"],
  ["locality", "L"],
  ["streetAddresses", "2.5.4.9"],
  ["postalCode", "2.5.4.17"],
  ["organization", "O"],
  ["organizationalUnit", "OU"],
  ["commonName", "CN"],
  ["serialNumber", "2.5.4.5"],
  ["emailAddress", "E"],
];

/** Builds the subject as @peculiar/x509's JSON name. */
export function subjectName(subject: SubjectFields | undefined): x509.JsonName {
  const name: x509.JsonName = [];
  for (const [field, attr] of SUBJECT_ORDER) {
    const value = subject?.[field];
    const values = Array.isArray(value)
      ? value
      : value === undefined || value === ""
        ? []
        : [value];
    for (const v of values) name.push({ [attr]: [v] });
  }
  return name;
}

/** Creates a CSR for `privateKey` with `subject` and `sans`, signed with the key's usual hash. */
export async function buildCsr(
  privateKey: KeyObject,
  subject: SubjectFields | undefined,
  sans: SubjectAltNames,
): Promise<string> {
  const algorithm = webCryptoAlgorithm(describeKey(privateKey));
  const privateDer = privateKey.export({ type: "pkcs8", format: "der" });
  const publicDer = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const keys = {
    privateKey: await webcrypto.subtle.importKey("pkcs8", privateDer, algorithm, false, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", publicDer, algorithm, true, ["verify"]),
  };
  const generalNames: x509.JsonGeneralName[] = [
    ...(sans.dnsNames ?? []).map((value) => ({ type: "dns" as const, value })),
    ...(sans.ipAddresses ?? []).map((value) => ({ type: "ip" as const, value })),
    ...(sans.uris ?? []).map((value) => ({ type: "url" as const, value })),
    ...(sans.emailAddresses ?? []).map((value) => ({ type: "email" as const, value })),
  ];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subjectName(subject),
    keys: keys as unknown as x509.Pkcs10CertificateRequestCreateParams["keys"],
    signingAlgorithm: algorithm,
    extensions: generalNames.length ? [new x509.SubjectAlternativeNameExtension(generalNames)] : [],
  });
  return csr.toString("pem").replace(/\r\n/g, "\n").trim() + "\n";
}
