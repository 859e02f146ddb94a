/**
 * The test CA, one for every spec that needs one:
 * - {@link TestCa}: a CA made in memory with @peculiar/x509 that issues server certificates for
 *   localhost/127.0.0.1 and client certificates (TLS without the simulator);
 * - {@link OpensslCa}: a CA made by the openssl CLI that signs CSRs as a device's operator would
 *   (copying their extensions);
 * - {@link selfSignedCertificate}: a throwaway self-signed P-256 certificate from the openssl CLI
 *   (a certificate to upload, or one no CA of the test trusts).
 */
import { execFileSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync, webcrypto, type KeyObject } from "node:crypto";
import * as fs from "node:fs";
import { x509 } from "../../provider/core/peculiar";
import { openssl, tempFile } from "./openssl";

const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

/** A certificate with its key, as PEM. */
export interface Issued {
  certPem: string;
  keyPem: string;
}

async function importPair(key: KeyObject) {
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  const pkcs8 = key.export({ type: "pkcs8", format: "der" });
  return {
    privateKey: await webcrypto.subtle.importKey("pkcs8", pkcs8, alg, true, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", spki, alg, true, ["verify"]),
  };
}

/** A CA that can issue server and client certificates. */
export class TestCa {
  private constructor(
    readonly certPem: string,
    private readonly cert: x509.X509Certificate,
    private readonly keys: { privateKey: unknown; publicKey: unknown },
  ) {}

  /** Makes a self-signed CA named `name`. */
  static async create(name = "certplane test CA"): Promise<TestCa> {
    const key = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const keys = await importPair(key);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "01",
      name: `CN=${name}`,
      notBefore: new Date(Date.now() - 3600_000),
      notAfter: new Date(Date.now() + 30 * 86400_000),
      signingAlgorithm: alg,
      keys: keys as never,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
      ],
    });
    return new TestCa(cert.toString("pem") + "\n", cert, keys);
  }

  /**
   * Issues a certificate; `server` adds localhost/127.0.0.1 SANs (or `altNames`) and serverAuth.
   * `subjectKey` certifies a given key of any type (RSA, EC, Ed25519) instead of a new P-256 one.
   */
  async issue(
    commonName: string,
    opts: {
      server?: boolean;
      notAfter?: Date;
      notBefore?: Date;
      subjectKey?: KeyObject;
      altNames?: Array<{ type: "dns" | "ip"; value: string }>;
    } = {},
  ): Promise<Issued> {
    const key = opts.subjectKey ?? generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const publicKey = opts.subjectKey
      ? new x509.PublicKey(createPublicKey(key).export({ type: "spki", format: "der" }))
      : (await importPair(key)).publicKey;
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
    ];
    if (opts.server) {
      extensions.push(
        new x509.SubjectAlternativeNameExtension(
          opts.altNames ?? [
            { type: "dns", value: "localhost" },
            { type: "ip", value: "127.0.0.1" },
          ],
        ),
      );
      extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
    } else {
      extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]));
    }
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: Date.now().toString(16) + Math.floor(Math.random() * 1e6).toString(16),
      subject: `CN=${commonName}`,
      issuer: this.cert.subject,
      notBefore: opts.notBefore ?? new Date(Date.now() - 3600_000),
      notAfter: opts.notAfter ?? new Date(Date.now() + 7 * 86400_000),
      signingAlgorithm: alg,
      publicKey: publicKey as never,
      signingKey: this.keys.privateKey as never,
      extensions,
    });
    return {
      certPem: cert.toString("pem") + "\n",
      keyPem: key.export({ type: "pkcs8", format: "pem" }).toString(),
    };
  }
}

/** A self-signed certificate made by openssl, with the files openssl wrote. */
export interface SelfSigned extends Issued {
  certFile: string;
  keyFile: string;
}

/** `openssl req -x509 -newkey ec (P-256)`: a self-signed certificate for `CN=commonName`. */
export function selfSignedCertificate(commonName: string, days = 30): SelfSigned {
  const keyFile = tempFile("self.key", "");
  const certFile = tempFile("self.pem", "");
  openssl([
    ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
    ...["-keyout", keyFile, "-out", certFile, "-subj", `/CN=${commonName}`, "-days", String(days)],
  ]);
  return {
    certPem: fs.readFileSync(certFile, "utf8"),
    keyPem: fs.readFileSync(keyFile, "utf8"),
    certFile,
    keyFile,
  };
}

/** A CA made with openssl that signs CSRs (copying their extensions). */
export class OpensslCa {
  private constructor(
    readonly certPem: string,
    private readonly certFile: string,
    private readonly keyFile: string,
  ) {}

  /** Makes a new EC P-256 self-signed CA. */
  static create(name = "SBC test CA"): OpensslCa {
    const { certPem, certFile, keyFile } = selfSignedCertificate(name);
    return new OpensslCa(certPem, certFile, keyFile);
  }

  /** Signs a CSR for `days` days and returns the certificate PEM. */
  sign(csrPem: string, days = 30): string {
    const csrFile = tempFile("req.csr", csrPem);
    return execFileSync(
      "openssl",
      [
        ...["x509", "-req", "-in", csrFile, "-CA", this.certFile, "-CAkey", this.keyFile],
        ...["-CAcreateserial", "-days", String(days), "-copy_extensions", "copy"],
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
  }
}
