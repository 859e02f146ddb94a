/**
 * A PKCS#8 private key encrypted with PBES2 (PBKDF2-HMAC-SHA256 + AES-256-CBC) as an
 * EncryptedPrivateKeyInfo — what node:crypto's `KeyObject.export({ cipher })` writes, but with the
 * salt and IV given by the caller instead of drawn at random, so the same inputs give the same bytes.
 *
 * @see RFC 8018 (PKCS #5 v2.1), section 6.2 (PBES2) and appendix A.2/A.4; RFC 5958 section 3
 */
import * as crypto from "node:crypto";
import { type Asn1, integer, nullValue, octets, oid, seq } from "./der";

const OID = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSha256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
};

/** What {@link encryptPrivateKey} needs besides the key. */
export interface Pbes2Parameters {
  /** The passphrase, used as its UTF-8 bytes (as node:crypto and OpenSSL do for PBES2). */
  password: string;
  /** PBKDF2 salt. */
  salt: Buffer;
  /** AES-256-CBC initialization vector: 16 bytes. */
  iv: Buffer;
  /** PBKDF2 iteration count. */
  iterations: number;
}

/**
 * Encrypts an unencrypted PKCS#8 PrivateKeyInfo (DER).
 * @returns the EncryptedPrivateKeyInfo as an ASN.1 node
 */
export function encryptPrivateKey(pkcs8Der: Buffer, parameters: Pbes2Parameters): Asn1 {
  const { password, salt, iv, iterations } = parameters;
  const aesKey = crypto.pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  // createCipheriv pads with PKCS#7, which PBES2 (RFC 8018 section 6.1.1 step 4) asks for.
  const cipher = crypto.createCipheriv("aes-256-cbc", aesKey, iv);
  const encrypted = Buffer.concat([cipher.update(pkcs8Der), cipher.final()]);
  const kdf = seq([
    oid(OID.pbkdf2),
    seq([octets(salt), integer(iterations), seq([oid(OID.hmacWithSha256), nullValue()])]),
  ]);
  const scheme = seq([oid(OID.aes256Cbc), octets(iv)]);
  return seq([seq([oid(OID.pbes2), seq([kdf, scheme])]), octets(encrypted)]);
}
