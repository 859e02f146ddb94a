/**
 * Valid keys, CSRs and certificates for the rejected-input table, made once and synchronously (the
 * table's rows are mocha test titles, so they must exist when the spec file loads).
 */
import { generateKeyPairSync } from "node:crypto";
import sshpk from "sshpk";
import { datedCertificate } from "../../support/datedCertificate";
import { openssl, tempFile } from "../../support/openssl";

/** What the table's rows are built from. */
export interface Materials {
  /** The key of {@link Materials.csrPem} (PKCS#8). */
  keyPem: string;
  /** A CSR for CN=nso-user, signed by {@link Materials.keyPem}. */
  csrPem: string;
  /** {@link Materials.csrPem} with one byte of its signature changed: it parses, but does not verify. */
  tamperedCsrPem: string;
  /** Another P-256 key (not the CSR's). */
  otherKeyPem: string;
  /** A 1024-bit RSA key (too weak). */
  rsa1024KeyPem: string;
  /** A P-256 key encrypted with a passphrase. */
  encryptedKeyPem: string;
  /** A secp256k1 key (a curve certplane does not support). */
  secp256k1KeyPem: string;
  /** An X25519 key (a key-agreement kind certplane does not support). */
  x25519KeyPem: string;
  /**
   * A self-signed certificate for CN=sip-tls, valid 10 years from now: valid at the table's NOW
   * (2030-06-01) too, so rows fail for their own reason only.
   */
  certificatePem: string;
  /** CN=sip-tls, valid 2029-01-01 to 2030-01-01: expired at the table's NOW. */
  expiredCertificatePem: string;
  /** CN=sip-tls, valid 2031-01-01 to 2032-01-01: not yet valid at the table's NOW. */
  notYetValidCertificatePem: string;
  /** The OpenSSH form of {@link Materials.keyPem}'s public key. */
  sshPublicKey: string;
}

let made: Materials | undefined;

/** The materials, made on first use. */
export function materials(): Materials {
  made ??= make();
  return made;
}

function make(): Materials {
  const pkcs8 = (key: { export(o: object): string | Buffer }) =>
    key.export({ type: "pkcs8", format: "pem" }).toString();
  const keyPem = pkcs8(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey);
  const keyFile = tempFile("key.pem", keyPem);
  const csrPem = openssl(["req", "-new", "-key", keyFile, "-subj", "/CN=nso-user"]);
  const certificatePem = openssl([
    ...["req", "-x509", "-key", keyFile, "-subj", "/CN=sip-tls", "-days", "3650"],
  ]);
  return {
    keyPem,
    csrPem,
    tamperedCsrPem: tamperSignature(csrPem),
    otherKeyPem: pkcs8(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey),
    rsa1024KeyPem: pkcs8(generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey),
    encryptedKeyPem: generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({
        type: "pkcs8",
        format: "pem",
        cipher: "aes-256-cbc",
        passphrase: "materials",
      })
      .toString(),
    secp256k1KeyPem: pkcs8(generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey),
    x25519KeyPem: pkcs8(generateKeyPairSync("x25519").privateKey),
    certificatePem,
    expiredCertificatePem: datedCertificate(
      "sip-tls",
      "2029-01-01T00:00:00Z",
      "2030-01-01T00:00:00Z",
    ),
    notYetValidCertificatePem: datedCertificate(
      "sip-tls",
      "2031-01-01T00:00:00Z",
      "2032-01-01T00:00:00Z",
    ),
    sshPublicKey: sshpk.parseKey(keyPem, "pem").toString("ssh"),
  };
}

/** The CSR with the last byte of its DER (inside the signature's final integer) changed. */
function tamperSignature(csrPem: string): string {
  const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  der[der.length - 1] ^= 0x01;
  const body = der.toString("base64").replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE REQUEST-----\n${body}-----END CERTIFICATE REQUEST-----\n`;
}
