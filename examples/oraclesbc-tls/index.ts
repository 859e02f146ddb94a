// Oracle SBC TLS certificate, key kept on the device ("Replace the TLS Certificate" use case):
// the SBC generates the key and CSR for a certificate-record, Cisco PCA signs the device's CSR, the
// certificate is imported back into the record, and the configuration is saved and activated. An
// attribute change regenerates the device CSR, so PCA signs a new certificate (replace) and the
// import overwrites the old one; so does renewal (earlyRenewalHours on the signer).
//
// Any CA can take PCA's place: feed record.certRequestPem to its signer and its certificate to the
// import. Connections: CERTPLANE_ORACLESBC_URL / _USERNAME / _PASSWORD / _CA_CERT_PEM and
// CERTPLANE_PCA_URL / _TOKEN / _CA_CERT_PEM (or certplane:oraclesbc* / certplane:pca* stack config),
// e.g. from `certplane-simulator` for a local run.
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();

const hostname = config.get("hostname") ?? "sbc.example.com";
const record = new certplane.oraclesbc.CertificateRecord("sbc-tls", {
  name: config.get("recordName") ?? "sbc-tls",
  commonName: hostname,
  organization: config.get("organization") ?? "Example Corp",
  country: "US",
  alternateNames: [`DNS:${hostname}`],
  keySize: 2048,
});

// The device keeps the key, so there is no privateKeyPem to validate over mTLS with.
const signed = new certplane.pca.SignedCertificate("sbc-tls", {
  certRequestPem: record.certRequestPem,
  requestedUsername: hostname,
  certDurationHours: 24 * 90,
  earlyRenewalHours: 24 * 14,
});

const imported = new certplane.oraclesbc.CertificateImport("sbc-tls", {
  recordName: record.recordName,
  certificatePem: signed.certificatePem,
});

export const recordName = record.recordName;
export const deviceCsr = record.certRequestPem;
export const certificateSerial = signed.serialNumber;
export const certificateFingerprint = imported.fingerprintSha256;
export const certificateNotAfter = imported.notAfter;
