/**
 * A throwaway PKI for tests that need TLS without the simulator: a CA, a server certificate for
 * localhost/127.0.0.1 and client certificates, all made in memory with @peculiar/x509.
 */
import { createPublicKey, generateKeyPairSync, webcrypto, type KeyObject } from "node:crypto";
import { x509 } from "../../provider/core/peculiar";

const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

/** A certificate with its key, as PEM. */
export interface Issued {
  certPem: string;
  keyPem: string;
}

async function importPair(key: KeyObject) {
  const pub = (await import("node:crypto")).createPublicKey(key);
  return {
    privateKey: await webcrypto.subtle.importKey(
      "pkcs8",
      key.export({ type: "pkcs8", format: "der" }),
      alg,
      true,
      ["sign"],
    ),
    publicKey: await webcrypto.subtle.importKey(
      "spki",
      pub.export({ type: "spki", format: "der" }),
      alg,
      true,
      ["verify"],
    ),
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
   * Issues a certificate; `server` adds localhost/127.0.0.1 SANs and serverAuth. `subjectKey`
   * certifies a given key of any type (RSA, EC, Ed25519) instead of a new P-256 one.
   */
  async issue(
    commonName: string,
    opts: { server?: boolean; notAfter?: Date; notBefore?: Date; subjectKey?: KeyObject } = {},
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
        new x509.SubjectAlternativeNameExtension([
          { type: "dns", value: "localhost" },
          { type: "ip", value: "127.0.0.1" },
        ]),
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
