/**
 * PKCS#10 CSR generation with @peculiar/x509 over Node's WebCrypto (native signing for RSA, ECDSA and
 * Ed25519 — node-forge's CSR path is RSA-only and pure JavaScript). The subject is built from typed
 * attribute values (./subjectAttributes), never from a distinguished-name string.
 */
import { createPublicKey, KeyObject, webcrypto } from "node:crypto";
import { describeKey, webCryptoAlgorithm } from "../core/keys";
import { x509 } from "../core/peculiar";
import { subjectName, type SubjectFields } from "./subjectAttributes";

export type { SubjectFields } from "./subjectAttributes";

/** Subject alternative names by kind. */
export interface SubjectAltNames {
  dnsNames?: string[];
  ipAddresses?: string[];
  uris?: string[];
  emailAddresses?: string[];
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
