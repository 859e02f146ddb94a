/**
 * Private and public key handling on node:crypto (native speed; keys are generated on libuv's thread
 * pool so RSA-4096 does not block the provider's event loop) and sshpk for the OpenSSH forms.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, KeyObject } from "node:crypto";
import { promisify } from "node:util";
import sshpk from "sshpk";

/** Key algorithms, named as `@pulumi/tls` names them. */
export const KEY_ALGORITHMS = ["RSA", "ECDSA", "ED25519"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];
/** RSA sizes certplane generates and accepts. */
export const RSA_BITS = [2048, 3072, 4096] as const;
/** ECDSA curves, named as `@pulumi/tls` names them. */
export const ECDSA_CURVES = ["P256", "P384", "P521"] as const;
export type EcdsaCurve = (typeof ECDSA_CURVES)[number];

const NODE_CURVE: Record<EcdsaCurve, string> = {
  P256: "prime256v1",
  P384: "secp384r1",
  P521: "secp521r1",
};
const CURVE_BY_NODE_NAME: Record<string, EcdsaCurve> = {
  prime256v1: "P256",
  "P-256": "P256",
  secp384r1: "P384",
  "P-384": "P384",
  secp521r1: "P521",
  "P-521": "P521",
};

/** What kind of key a key is. */
export interface KeyDescription {
  algorithm: KeyAlgorithm;
  rsaBits?: number;
  ecdsaCurve?: EcdsaCurve;
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** Generates a private key of the described kind. */
export async function generatePrivateKey(desc: KeyDescription): Promise<KeyObject> {
  switch (desc.algorithm) {
    case "RSA":
      return (await generateKeyPairAsync("rsa", { modulusLength: desc.rsaBits ?? 2048 }))
        .privateKey;
    case "ECDSA":
      return (
        await generateKeyPairAsync("ec", { namedCurve: NODE_CURVE[desc.ecdsaCurve ?? "P256"] })
      ).privateKey;
    case "ED25519":
      return (await generateKeyPairAsync("ed25519", {})).privateKey;
  }
}

/**
 * Reads an unencrypted private key PEM (PKCS#8, PKCS#1 RSA or SEC1 EC). Throws an Error whose message
 * never contains the key.
 */
export function importPrivateKey(pem: string): KeyObject {
  if (!/-----BEGIN (RSA |EC |)PRIVATE KEY-----/.test(pem)) {
    const encrypted = pem.includes("ENCRYPTED PRIVATE KEY");
    throw new Error(
      encrypted
        ? "is an encrypted private key; give the unencrypted PEM (e.g. `openssl pkey -in key.pem`)"
        : 'is not a PEM private key (expected "-----BEGIN PRIVATE KEY-----", "RSA PRIVATE KEY" or "EC PRIVATE KEY")',
    );
  }
  try {
    return createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new Error(
      "could not be parsed as a private key (the PEM is damaged or passphrase-protected)",
    );
  }
}

/** Describes a key; throws for kinds certplane does not support. */
export function describeKey(key: KeyObject): KeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { algorithm: "RSA", rsaBits: details.modulusLength };
    case "ec": {
      const curve = CURVE_BY_NODE_NAME[details.namedCurve ?? ""];
      if (!curve)
        throw new Error(`uses the curve ${details.namedCurve}; supported: P-256, P-384, P-521`);
      return { algorithm: "ECDSA", ecdsaCurve: curve };
    }
    case "ed25519":
      return { algorithm: "ED25519" };
    default:
      throw new Error(`is a ${key.asymmetricKeyType} key; supported: RSA, ECDSA, ED25519`);
  }
}

/** The public forms of a private key, named as `@pulumi/tls` names them. */
export interface PublicKeyForms {
  /** The private key as PKCS#8 PEM. Secret. */
  privateKeyPem: string;
  /** SubjectPublicKeyInfo PEM. */
  publicKeyPem: string;
  /** `ssh-rsa AAAA…` with a trailing newline, as `@pulumi/tls` outputs it. */
  publicKeyOpenssh: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it. */
  publicKeyFingerprintSha256: string;
}

/** Computes {@link PublicKeyForms} for a private key. */
export function publicKeyForms(privateKey: KeyObject): PublicKeyForms {
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    ...publicOnlyForms(createPublicKey(privateKey)),
  };
}

/**
 * The public forms of a public key alone (a key whose private half stays elsewhere, e.g. in a
 * PKCS#11 token).
 */
export function publicOnlyForms(publicKey: KeyObject): Omit<PublicKeyForms, "privateKeyPem"> {
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const ssh = sshpk.parseKey(publicKeyPem, "pem");
  return {
    publicKeyPem,
    publicKeyOpenssh: ssh.toString("ssh") + "\n",
    publicKeyFingerprintSha256: ssh.fingerprint("sha256").toString(),
  };
}

/** The WebCrypto algorithm (import + sign) for a key, with the hash `@pulumi/tls` uses per key kind. */
export function webCryptoAlgorithm(desc: KeyDescription): {
  name: string;
  hash?: string;
  namedCurve?: string;
} {
  switch (desc.algorithm) {
    case "RSA":
      return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    case "ECDSA": {
      const curve = desc.ecdsaCurve ?? "P256";
      const hash = curve === "P256" ? "SHA-256" : curve === "P384" ? "SHA-384" : "SHA-512";
      return { name: "ECDSA", namedCurve: `P-${curve.slice(1)}`, hash };
    }
    case "ED25519":
      return { name: "Ed25519" };
  }
}
