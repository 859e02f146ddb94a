/**
 * `certplane.toPkcs12`: a certificate and its key as a password-protected PKCS#12 (PFX) bundle, the
 * format Windows (certutil, IIS), Java keystores and Azure (Key Vault, App Service) import.
 */
import * as pulumi from "@pulumi/pulumi";
import { buildPfx } from "./buildPfx";

/** Inputs of {@link toPkcs12}; any of them may be an Output (e.g. a resource's certificatePem). */
export interface ToPkcs12Args {
  /** The leaf certificate (PEM). */
  certificatePem: pulumi.Input<string>;
  /** Its private key (PEM: PKCS#8, PKCS#1 or SEC1; RSA, ECDSA or Ed25519). */
  privateKeyPem: pulumi.Input<string>;
  /** Issuer certificates to include (PEM, one or more blocks), leaf excluded. */
  chainPem?: pulumi.Input<string>;
  /** Protects the key (PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC) and the HMAC-SHA256 MAC. Non-empty. */
  password: pulumi.Input<string>;
  /** The entry's name (alias) shown by Windows and keytool. @defaultValue none */
  friendlyName?: pulumi.Input<string>;
}

/**
 * Bundles a certificate, its private key and optional chain as PKCS#12 and returns it base64-encoded
 * as a **secret** Output (it holds the key). The bundle is built in the Pulumi program on every run,
 * and is the same bytes whenever its content (certificate, chain, key, password, friendly name) is
 * the same: its salts and IV are derived from the content with an HMAC keyed by the private key
 * instead of drawn at random. So a resource fed the bundle sees no change between runs, and is
 * updated with the new bundle when the certificate is renewed. Do not put `ignoreChanges` on that
 * input: the consumer would keep the old bundle after a renewal.
 *
 * @see docs/pkcs12.md for the derivation and why it is safe
 *
 * Modern algorithms only (AES-256 + SHA-256): Windows 10 1709 / Server 2019, Java 8u301 / 11.0.12,
 * OpenSSL 1.1.1 and Azure read them; older readers that expect RC2/3DES cannot.
 *
 * @example
 * ```ts
 * const pfx = certplane.toPkcs12({ certificatePem: cert.certificatePem, privateKeyPem: csr.privateKeyPem, password });
 * ```
 */
export function toPkcs12(args: ToPkcs12Args): pulumi.Output<string> {
  const bundle = pulumi
    .all([args.certificatePem, args.privateKeyPem, args.chainPem, args.password, args.friendlyName])
    .apply(([certificatePem, privateKeyPem, chainPem, password, friendlyName]) =>
      buildPfx({ certificatePem, privateKeyPem, chainPem, password, friendlyName }).toString(
        "base64",
      ),
    );
  return pulumi.secret(bundle);
}
