/**
 * Which outputs of which resource type carry a credential's validity: the one table the report reads
 * rows through, keyed by type token (the schema's token for certplane, the provider's token for
 * @pulumi/tls). Everything else about certplane's types — the dynamic door's type names, the hooks
 * modules, which outputs exist — comes from schema/schema.json (./schemaTypes), and a spec checks
 * that every output named here is one the schema declares.
 */
import type { CredentialKind } from "./model";

/** Where one type keeps what a report row shows, as output names. */
export interface CredentialOutputs {
  kind: CredentialKind;
  vendor: string;
  /** The expiry (RFC 3339 text). A resource whose outputs lack it holds no credential yet: no row. */
  notAfter: string;
  notBefore?: string;
  serial?: string;
  /** A subject DN as text. */
  subject?: string;
  /** A list of principals (SSH), shown joined by `,` as the subject. */
  principals?: string;
  /** Who owns a token, shown as the subject. */
  owner?: string;
  /**
   * A public certificate PEM, read for what the outputs above do not hold (not-before, subject,
   * serial); never a secret output.
   */
  certificatePem?: string;
  /** Hours before not-after that renewal starts. */
  earlyRenewalHours?: string;
  /**
   * The inputs that carry the certificate's own key into it (a CSR, a public key, or the private
   * key itself), as input names: the report follows their `propertyDependencies` to the
   * `CertificateRequest` that made the key. Never an issuer's key (@pulumi/tls's `caPrivateKeyPem`).
   */
  keyInputs?: readonly string[];
}

/** The type that makes keys, and the public outputs the report reads of it. */
export const KEY_SOURCE = {
  token: "certplane:index:CertificateRequest",
  /** When the key was generated (RFC 3339); absent for a brought key and in older state. */
  createdAt: "keyCreatedAt",
  /** The key's rotation age in hours; absent when it is never rotated for its age. */
  rotateAfterHours: "rotateAfterHours",
  /** The public key's SHA-256 fingerprint (the resource's id). */
  fingerprint: "publicKeyFingerprintSha256",
} as const;

/** @pulumi/tls's certificate outputs (both resources name them alike). */
const TLS_CERTIFICATE: CredentialOutputs = {
  kind: "x509-certificate",
  vendor: "tls",
  notAfter: "validityEndTime",
  notBefore: "validityStartTime",
  certificatePem: "certPem",
  earlyRenewalHours: "earlyRenewalHours",
};

/** certplane's credential types, by schema token. */
export const CERTPLANE_CREDENTIALS: Readonly<Record<string, CredentialOutputs>> = {
  "certplane:pca:SignedCertificate": {
    kind: "x509-certificate",
    vendor: "pca",
    notAfter: "notAfter",
    notBefore: "notBefore",
    serial: "serialNumber",
    subject: "subject",
    earlyRenewalHours: "earlyRenewalHours",
    // privateKeyPem: the same key, given to validate the issued certificate over mTLS.
    keyInputs: ["certRequestPem", "privateKeyPem"],
  },
  "certplane:pca:PersonalAccessToken": {
    kind: "access-token",
    vendor: "zitadel",
    notAfter: "expirationDate",
    owner: "userId",
    earlyRenewalHours: "earlyRenewalHours",
  },
  "certplane:appviewx:SshCertificate": {
    kind: "ssh-certificate",
    vendor: "appviewx",
    notAfter: "validTo",
    notBefore: "validFrom",
    serial: "serialNumber",
    principals: "principals",
    earlyRenewalHours: "earlyRenewalHours",
    keyInputs: ["publicKey"],
  },
  "certplane:netfoundry:ClientCertificate": {
    kind: "x509-certificate",
    vendor: "netfoundry",
    notAfter: "notAfter",
    serial: "serialNumber",
    subject: "subject",
    certificatePem: "certificatePem",
    earlyRenewalHours: "earlyRenewalHours",
    keyInputs: ["certRequestPem"],
  },
  "certplane:oraclesbc:CertificateImport": {
    kind: "x509-certificate",
    vendor: "oraclesbc",
    notAfter: "notAfter",
    certificatePem: "certificatePem",
  },
};

/** @pulumi/tls's certificates, by the provider's type token. */
export const TLS_CREDENTIALS: Readonly<Record<string, CredentialOutputs>> = {
  "tls:index/selfSignedCert:SelfSignedCert": { ...TLS_CERTIFICATE, keyInputs: ["privateKeyPem"] },
  "tls:index/locallySignedCert:LocallySignedCert": {
    ...TLS_CERTIFICATE,
    keyInputs: ["certRequestPem"],
  },
};
