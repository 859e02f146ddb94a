/**
 * PKCS#10 CSR generation with @peculiar/x509 over Node's WebCrypto (native signing for RSA, ECDSA and
 * Ed25519 — node-forge's CSR path is RSA-only and pure JavaScript), or over a signer that keeps the
 * key elsewhere (a PKCS#11 token). The subject is built from typed attribute values
 * (./subjectAttributes), never from a distinguished-name string.
 */
import { createPublicKey, KeyObject, webcrypto } from "node:crypto";
import { describeKey, webCryptoAlgorithm, type KeyDescription } from "../core/keys";
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

/** Signs the CSR's to-be-signed bytes, as WebCrypto's `sign` would for the key's algorithm. */
export type CsrSigner = (data: Buffer) => Promise<Buffer> | Buffer;

/** Creates a CSR for `privateKey` with `subject` and `sans`, signed with the key's usual hash. */
export async function buildCsr(
  privateKey: KeyObject,
  subject: SubjectFields | undefined,
  sans: SubjectAltNames,
): Promise<string> {
  const algorithm = webCryptoAlgorithm(describeKey(privateKey));
  const privateDer = privateKey.export({ type: "pkcs8", format: "der" });
  const nodeKey = await webcrypto.subtle.importKey("pkcs8", privateDer, algorithm, false, ["sign"]);
  return buildCsrWithSigner(
    createPublicKey(privateKey),
    async (data) => Buffer.from(await webcrypto.subtle.sign(algorithm, nodeKey, data)),
    subject,
    sans,
  );
}

/**
 * Creates a CSR for `publicKey` whose signature `sign` makes (the private key stays wherever the
 * signer keeps it), with the hash {@link buildCsr} uses for that kind of key.
 */
export async function buildCsrWithSigner(
  publicKey: KeyObject,
  sign: CsrSigner,
  subject: SubjectFields | undefined,
  sans: SubjectAltNames,
): Promise<string> {
  const desc: KeyDescription = describeKey(publicKey);
  const algorithm = webCryptoAlgorithm(desc);
  const spki = publicKey.export({ type: "spki", format: "der" });
  // @peculiar/x509 asks the crypto it is given for exactly these two operations.
  const signerCrypto = {
    subtle: {
      exportKey: async () => spki.buffer.slice(spki.byteOffset, spki.byteOffset + spki.byteLength),
      sign: async (_algorithm: unknown, _key: unknown, data: ArrayBuffer | ArrayBufferView) => {
        const bytes = ArrayBuffer.isView(data)
          ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
          : Buffer.from(data);
        const signature = await sign(bytes);
        return signature.buffer.slice(
          signature.byteOffset,
          signature.byteOffset + signature.byteLength,
        );
      },
    },
  };
  const keys = {
    privateKey: { algorithm, type: "private" },
    publicKey: { algorithm, type: "public" },
  };
  const generalNames: x509.JsonGeneralName[] = [
    ...(sans.dnsNames ?? []).map((value) => ({ type: "dns" as const, value })),
    ...(sans.ipAddresses ?? []).map((value) => ({ type: "ip" as const, value })),
    ...(sans.uris ?? []).map((value) => ({ type: "url" as const, value })),
    ...(sans.emailAddresses ?? []).map((value) => ({ type: "email" as const, value })),
  ];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: subjectName(subject),
      keys: keys as unknown as x509.Pkcs10CertificateRequestCreateParams["keys"],
      signingAlgorithm: algorithm,
      extensions: generalNames.length
        ? [new x509.SubjectAlternativeNameExtension(generalNames)]
        : [],
    },
    signerCrypto as unknown as Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>[1],
  );
  return csr.toString("pem").replace(/\r\n/g, "\n").trim() + "\n";
}
