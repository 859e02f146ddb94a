// One place that wires @peculiar/x509 to Node's WebCrypto, so every simulator file gets a working
// x509 module without repeating the setup (the library needs reflect-metadata loaded first).
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

/** A WebCrypto key (Node's type; the project compiles without the DOM lib). */
export type CryptoKey = webcrypto.CryptoKey;

/** A WebCrypto key pair. */
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

let providerInstalled = false;

/**
 * Returns the @peculiar/x509 module with Node's WebCrypto installed as its provider.
 * Idempotent: the first call installs the provider, later calls only return the module.
 */
export function x509WithNodeCrypto(): typeof x509 {
  if (!providerInstalled) {
    x509.cryptoProvider.set(webcrypto);
    providerInstalled = true;
  }
  return x509;
}

/** The signature and key algorithm of every key the simulator generates itself (fast, small). */
export const SIMULATOR_KEY_ALGORITHM = {
  name: "ECDSA",
  namedCurve: "P-256",
  hash: "SHA-256",
} as const;

/** Generates an extractable ECDSA P-256 key pair for a simulator CA or server certificate. */
export async function generateSimulatorKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(SIMULATOR_KEY_ALGORITHM, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
}

/**
 * Exports a private key as a PKCS#8 PEM block.
 * @param key - an extractable private key
 */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509WithNodeCrypto().PemConverter.encode(der, "PRIVATE KEY");
}

/**
 * Imports a PKCS#8 PEM ECDSA P-256 private key produced by {@link privateKeyToPem}.
 * @param pem - the PEM text
 */
export async function privateKeyFromPem(pem: string): Promise<CryptoKey> {
  const der = x509WithNodeCrypto().PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey("pkcs8", der, SIMULATOR_KEY_ALGORITHM, true, ["sign"]);
}
