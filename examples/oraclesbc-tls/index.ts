// Oracle SBC TLS certificate, key kept on the device ("Replace the TLS Certificate" use case):
// the SBC generates the key and CSR for a certificate-record, a CA signs the CSR, the certificate is
// imported back into the record, and the configuration is saved and activated. Renewal or a changed
// attribute re-signs and re-imports with overwrite.
//
// The CA here is made in the program with @pulumi/tls so the example runs anywhere; in production put
// your CA's signer in its place (e.g. certplane's pca.SignedCertificate with certRequestPem).
// Connection: CERTPLANE_ORACLESBC_URL / _USERNAME / _PASSWORD / _CA_CERT_PEM (or certplane:oraclesbc*
// stack config), e.g. from `certplane-simulator` for a local run.
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();

const caKey = new tls.PrivateKey("sbc-ca", { algorithm: "ECDSA", ecdsaCurve: "P256" });
const ca = new tls.SelfSignedCert("sbc-ca", {
  privateKeyPem: caKey.privateKeyPem,
  isCaCertificate: true,
  subject: { commonName: "SBC example CA" },
  validityPeriodHours: 24 * 365,
  allowedUses: ["cert_signing", "crl_signing"],
});

const hostname = config.get("hostname") ?? "sbc.example.com";
const record = new certplane.oraclesbc.CertificateRecord("sbc-tls", {
  name: config.get("recordName") ?? "sbc-tls",
  commonName: hostname,
  organization: config.get("organization") ?? "Example Corp",
  country: "US",
  alternateNames: [`DNS:${hostname}`],
  keySize: 2048,
});

const signed = new tls.LocallySignedCert("sbc-tls", {
  certRequestPem: record.certRequestPem,
  caPrivateKeyPem: caKey.privateKeyPem,
  caCertPem: ca.certPem,
  validityPeriodHours: 24 * 90,
  allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
});

const imported = new certplane.oraclesbc.CertificateImport("sbc-tls", {
  recordName: record.recordName,
  certificatePem: signed.certPem,
});

export const recordName = record.recordName;
export const deviceCsr = record.certRequestPem;
export const certificateFingerprint = imported.fingerprintSha256;
export const certificateNotAfter = imported.notAfter;
