/**
 * Seed 002's Table 4: each AppViewX enroll error code with the remediation the seed gives (or, where
 * it gives none, what fixes the condition it names) and the SshCertificate argument involved.
 */

/** What to tell the user about one code. */
export interface CodeAdvice {
  remediation: string;
  /** The SshCertificate argument the error is about. */
  property?: string;
}

const CODES: Record<string, CodeAdvice> = {
  "458": {
    remediation:
      "Ensure that valid certificate is provided for authentication (connection.clientCertificatePem and clientPrivateKeyPem).",
    property: "connection.clientCertificatePem",
  },
  "459": {
    remediation:
      "The client certificate's issuer is not trusted by CERT+: add its signing CA under SSH > Advanced Settings > MTLS Auth Settings, or use a certificate from a configured issuer.",
    property: "connection.clientCertificatePem",
  },
  "460": {
    remediation:
      "The issuer of the client certificate has expired: configure a valid issuer in CERT+ and issue a new client certificate from it.",
    property: "connection.clientCertificatePem",
  },
  "462": {
    remediation:
      "Configure issuer certificates under SSH > Advanced Settings > MTLS Auth Settings in CERT+.",
  },
  "463": {
    remediation:
      "The client certificate has expired: issue a new one and set connection.clientCertificatePem and clientPrivateKeyPem.",
    property: "connection.clientCertificatePem",
  },
  "464": {
    remediation: "Enable MTLS under SSH > Advanced Settings > MTLS Auth Settings in CERT+.",
  },
  "268": {
    remediation:
      "Valid certificate is available for the given public key. Please make sure to use different public key.",
    property: "publicKey",
  },
  "267": { remediation: "Please make sure to provide active CA name.", property: "caName" },
  "263": {
    remediation: "Please provide proper CA name (one that signs this certType).",
    property: "caName",
  },
  "266": {
    remediation: "Make sure to provide start value less than end value.",
    property: "validityValue",
  },
  "269": {
    remediation: "validityValue field should not be 0 or less than 0.",
    property: "validityValue",
  },
  "264": {
    remediation: "Make sure to give the certificate validity less than CA validity.",
    property: "validityValue",
  },
  "273": {
    remediation: "Make sure to give the certificate validity in future.",
    property: "validityValue",
  },
  "350": { remediation: "Please make sure to provide the available CA name.", property: "caName" },
};

/** The advice for an appStatusCode in either spelling (`ERR-SSH-NB-268`, `ERR-SSH_NB-268`). */
export function remediationFor(appStatusCode: string): CodeAdvice | undefined {
  const match = /^ERR-SSH[-_]NB-(\d+)$/.exec(appStatusCode);
  return match ? CODES[match[1]] : undefined;
}
