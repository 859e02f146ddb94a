/**
 * The salts and IV of a PKCS#12 bundle, derived from its content instead of drawn at random, so the
 * same certificate, chain, key, friendly name and password give the same bundle bytes on every run
 * (a stack feeding the bundle onward then previews with no change), and any change gives new ones.
 *
 * Why this is safe (docs/pkcs12.md, "Deterministic salts"): every value is an HMAC-SHA256 output
 * keyed by the private key, which is secret and of at least 128-bit strength. Without the key they
 * are unpredictable and unlinkable, as random ones would be; the PBKDF2 salt still defeats
 * precomputed tables, the IV is still unpredictable for CBC. What a reader learns is only whether two
 * bundles have the same content, which is the point. The password is deliberately left out: keyed
 * into a single HMAC it would give whoever holds the key a fast test of password guesses (one HMAC
 * instead of PBKDF2's iterations). Leaving it out loses no change: a new password gives a new AES
 * key and MAC key, so new ciphertext and a new MAC.
 */
import * as crypto from "node:crypto";

/**
 * Names the derivation; part of every HMAC input. Changing it (or anything below) changes every
 * bundle once, so it only changes with a CHANGELOG line saying so.
 */
const DERIVATION = "certplane toPkcs12 salts v1";

/** Salt length: 128 bits, NIST SP 800-132's minimum (node:crypto writes 64-bit PBKDF2 salts). */
const SALT_BYTES = 16;

/** What the bundle holds, as bytes: everything that, changed, must change the bundle. */
export interface BundleContent {
  /** The private key, unencrypted PKCS#8 DER (so PKCS#1, SEC1 and PKCS#8 PEM of one key agree). */
  pkcs8Der: Buffer;
  /** The leaf certificate, DER. */
  leafDer: Buffer;
  /** The chain certificates, DER, in bundle order. */
  chainDers: Buffer[];
  /** The friendly name; absent and empty are the same bundle. */
  friendlyName?: string;
}

/** The per-bundle values PKCS#12 would otherwise draw at random. */
export interface BundleSalts {
  /** PBKDF2 salt of the shrouded key bag (PBES2). */
  keySalt: Buffer;
  /** AES-256-CBC IV of the shrouded key bag. */
  keyIv: Buffer;
  /** Salt of the integrity MAC's key derivation. */
  macSalt: Buffer;
}

/** Each part as a 4-byte big-endian length and its bytes, so no two inputs encode alike. */
function lengthPrefixed(parts: Buffer[]): Buffer {
  return Buffer.concat(
    parts.flatMap((part) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(part.length);
      return [length, part];
    }),
  );
}

/**
 * Derives the bundle's salts and IV: a seed = HMAC-SHA256(key = the PKCS#8 key, the derivation's
 * name and the public content, length-prefixed), then one HMAC-SHA256 of the seed per value, each
 * under its own label.
 */
export function deriveSalts(content: BundleContent): BundleSalts {
  const chainCount = Buffer.alloc(4);
  chainCount.writeUInt32BE(content.chainDers.length);
  const transcript = lengthPrefixed([
    Buffer.from(DERIVATION, "utf8"),
    content.leafDer,
    chainCount,
    ...content.chainDers,
    Buffer.from(content.friendlyName ?? "", "utf8"),
  ]);
  const seed = crypto.createHmac("sha256", content.pkcs8Der).update(transcript).digest();
  const value = (label: string) =>
    crypto.createHmac("sha256", seed).update(label, "utf8").digest().subarray(0, SALT_BYTES);
  return { keySalt: value("key salt"), keyIv: value("key iv"), macSalt: value("mac salt") };
}
