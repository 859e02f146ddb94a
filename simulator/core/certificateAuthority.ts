// A signing CA with its key in memory: the simulator's own root (TLS) and each vendor's issuing CA
// (PCA signs client certificates with one) are instances of this class.
import { X509Certificate as NodeX509Certificate } from "node:crypto";
import type * as x509types from "@peculiar/x509";
import { randomSerialNumber } from "./ids";
import {
  SIMULATOR_KEY_ALGORITHM,
  type CryptoKey,
  generateSimulatorKeyPair,
  privateKeyFromPem,
  privateKeyToPem,
  x509WithNodeCrypto,
} from "./x509";

/** What a CA persists: its certificate and private key, both PEM. */
export interface CertificateAuthoritySnapshot {
  /** The CA certificate (PEM). */
  certificatePem: string;
  /** The CA private key (PKCS#8 PEM). Secret: the state file holding it is written mode 0600. */
  privateKeyPem: string;
}

/** Parameters for {@link CertificateAuthority.create}. */
export interface CreateAuthorityParams {
  /** The CA's name, e.g. `directoryName([["CN", "Example Issuing CA"]])` (./distinguishedName). */
  subject: x509types.Name;
  /** Start of validity. */
  notBefore: Date;
  /** End of validity. */
  notAfter: Date;
}

/** Parameters for {@link CertificateAuthority.issue}. */
export interface IssueCertificateParams {
  /**
   * The subject as a Name built from attribute values (`directoryName()`, or a CSR's `subjectName`
   * to copy it as encoded), never a DN string: values would need escaping.
   */
  subject: x509types.Name;
  /** The subject's public key, e.g. a CSR's `publicKey`. */
  publicKey: x509types.PublicKey | CryptoKey;
  /** Start of validity. */
  notBefore: Date;
  /** End of validity. */
  notAfter: Date;
  /** Extensions besides the key identifiers, which are always added. */
  extensions: x509types.Extension[];
}

/** A certificate the CA issued, with the facts vendors usually report about it. */
export interface IssuedCertificate {
  /** The certificate (PEM). */
  pem: string;
  /** Serial number, lower-case hex without separators. */
  serialNumber: string;
  /** Subject DN as @peculiar/x509 renders it (in encoded order, e.g. `CN=nso-user, OU=tenant-admin`). */
  subject: string;
  /** Issuer DN. */
  issuer: string;
  /** Start of validity. */
  notBefore: Date;
  /** End of validity. */
  notAfter: Date;
  /** SHA-256 fingerprint as OpenSSL prints it (upper-case hex pairs joined by `:`). */
  fingerprintSha256: string;
}

/** An ECDSA P-256 certificate authority that can sign certificates. */
export class CertificateAuthority {
  /** The CA certificate parsed by Node (for `checkIssued`/`verify` on presented certificates). */
  readonly certificate: NodeX509Certificate;

  private constructor(
    /** The CA certificate (PEM). */
    readonly certificatePem: string,
    private readonly privateKey: CryptoKey,
    private readonly privateKeyPem: string,
  ) {
    this.certificate = new NodeX509Certificate(certificatePem);
  }

  /**
   * Generates a new self-signed CA.
   * @param params - subject and validity
   */
  static async create(params: CreateAuthorityParams): Promise<CertificateAuthority> {
    const x509 = x509WithNodeCrypto();
    const keys = await generateSimulatorKeyPair();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerialNumber(),
      name: params.subject,
      keys,
      notBefore: params.notBefore,
      notAfter: params.notAfter,
      signingAlgorithm: SIMULATOR_KEY_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const privateKeyPem = await privateKeyToPem(keys.privateKey);
    return new CertificateAuthority(certificate.toString("pem"), keys.privateKey, privateKeyPem);
  }

  /**
   * Rebuilds a CA from a snapshot written by {@link CertificateAuthority.snapshot}.
   * @param snapshot - certificate and key PEMs
   */
  static async restore(snapshot: CertificateAuthoritySnapshot): Promise<CertificateAuthority> {
    const privateKey = await privateKeyFromPem(snapshot.privateKeyPem);
    return new CertificateAuthority(snapshot.certificatePem, privateKey, snapshot.privateKeyPem);
  }

  /** Returns the JSON-safe form for persistence. */
  snapshot(): CertificateAuthoritySnapshot {
    return { certificatePem: this.certificatePem, privateKeyPem: this.privateKeyPem };
  }

  /**
   * Signs a certificate for `params.publicKey`. Adds the authority and subject key identifiers.
   * @param params - subject, key, validity and extensions
   */
  async issue(params: IssueCertificateParams): Promise<IssuedCertificate> {
    const x509 = x509WithNodeCrypto();
    const caCertificate = new x509.X509Certificate(this.certificatePem);
    const caPublicKey = await caCertificate.publicKey.export();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerialNumber(),
      subject: params.subject,
      issuer: caCertificate.subjectName,
      notBefore: params.notBefore,
      notAfter: params.notAfter,
      publicKey: params.publicKey,
      signingKey: this.privateKey,
      signingAlgorithm: SIMULATOR_KEY_ALGORITHM,
      extensions: [
        ...params.extensions,
        await x509.AuthorityKeyIdentifierExtension.create(caPublicKey),
        await x509.SubjectKeyIdentifierExtension.create(params.publicKey),
      ],
    });
    const pem = certificate.toString("pem");
    return {
      pem,
      serialNumber: certificate.serialNumber.toLowerCase(),
      subject: certificate.subject,
      issuer: certificate.issuer,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      fingerprintSha256: new NodeX509Certificate(pem).fingerprint256,
    };
  }
}
