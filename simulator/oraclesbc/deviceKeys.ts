// What `generateRequest` does on the device: a new key pair sized by the record and a PKCS#10 CSR
// carrying the record's subject, alternate names and key usages. The key stays in the simulator.
import { webcrypto } from "node:crypto";
import { x509WithNodeCrypto } from "../core/x509";
import { alternateNameEntries, type RecordAttributes } from "./recordAttributes";

/** A generated device key and its CSR. */
export interface DeviceKey {
  /** PKCS#8 PEM of the private key (kept on the "device", never sent). */
  privateKeyPem: string;
  /** The CSR PEM. */
  csrPem: string;
}

const SUBJECT_FIELDS: readonly [string, string][] = [
  ["country", "C"],
  ["state", "ST"],
  ["locality", "L"],
  ["organization", "O"],
  ["unit", "OU"],
  ["common-name", "CN"],
];

/**
 * Generates the key and CSR for a record.
 * @param attributes - the record's attributes
 */
export async function generateDeviceKey(attributes: RecordAttributes): Promise<DeviceKey> {
  const x509 = x509WithNodeCrypto();
  const first = (name: string): string => attributes[name]?.[0] ?? "";
  const algorithm =
    first("key-algor") === "ecdsa"
      ? { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" }
      : {
          name: "RSASSA-PKCS1-v1_5",
          hash: "SHA-256",
          publicExponent: new Uint8Array([1, 0, 1]),
          modulusLength: Number(first("key-size") || "2048"),
        };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    "sign",
    "verify",
  ])) as webcrypto.CryptoKeyPair;
  const name = SUBJECT_FIELDS.filter(([attr]) => first(attr) !== "").map(([attr, short]) => ({
    [short]: [first(attr)],
  }));
  const extensions: InstanceType<typeof x509.Extension>[] = [];
  const sans = alternateNameEntries(first("alternate-name")).map((entry) => {
    const [kind, ...rest] = entry.split(":");
    const value = rest.join(":");
    return kind === "IP"
      ? { type: "ip" as const, value }
      : kind === "email"
        ? { type: "email" as const, value }
        : { type: "dns" as const, value };
  });
  if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans));
  const usageBits = (attributes["key-usage-list"] ?? [])
    .map((usage) => (x509.KeyUsageFlags as unknown as Record<string, number>)[usage] ?? 0)
    .reduce((a, b) => a | b, 0);
  if (usageBits !== 0) extensions.push(new x509.KeyUsagesExtension(usageBits));
  const ekus = (attributes["extended-key-usage-list"] ?? []).flatMap((usage) =>
    usage === "serverAuth"
      ? [x509.ExtendedKeyUsage.serverAuth]
      : usage === "clientAuth"
        ? [x509.ExtendedKeyUsage.clientAuth]
        : [],
  );
  if (ekus.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension(ekus));
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys,
    signingAlgorithm: algorithm,
    extensions,
  });
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const body = der
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return {
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`,
    csrPem: `${csr.toString("pem")}\n`,
  };
}
