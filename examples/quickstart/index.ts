// certplane quickstart: every resource, wired as a platform team would wire them.
// Run it with `npm run demo` (simulator + lifecycle runner), or with the real CLI: see README.md.
import * as certplane from "pulumi-certplane";

// The keys of the X.509 certificates rotate when their certificate's renewal window opens
// (rotateAfterHours = the signer's duration − earlyRenewalHours), so each renewal is for a new key,
// key and certificate replaced in the same `up` (docs/renewal.md).

// Step 1 of Cisco PCA's mTLS guide: a key and CSR for the NSO user (PCA: 2160 − 240 hours).
const nsoUser = new certplane.CertificateRequest("nso-user", {
  subject: { commonName: "nso-user" },
  rotateAfterHours: 2160 - 240,
});

// An ECDSA key for a service, with SANs (NetFoundry signs for 365 days: 8760 − 720 hours).
const apiClient = new certplane.CertificateRequest("api-client", {
  algorithm: "ECDSA",
  ecdsaCurve: "P256",
  subject: { commonName: "api-client", organization: "Example Corp" },
  dnsNames: ["api-client.example.com"],
  rotateAfterHours: 8760 - 720,
});

// Steps 2-4: Cisco PCA signs it for 90 days with the NSO roles and validates it over mTLS; renewed
// ten days before it expires. (Connection from CERTPLANE_PCA_* or certplane:pca* config.)
const nsoCertificate = new certplane.pca.SignedCertificate("nso-user", {
  certRequestPem: nsoUser.certRequestPem,
  requestedUsername: "nso-user",
  assignedRoles: ["tenant-admin", "tenant-contributor", "ug_all_data_access"],
  certDurationHours: 2160,
  privateKeyPem: nsoUser.privateKeyPem,
  earlyRenewalHours: 240,
});

// Seed 001: a personal access token for gNMI, owned by the automation (machine) user. It lives 90
// days and is rotated 30 days before it ends, each new PAT living another 90 (a lifetime, not a
// fixed date). (Zitadel from CERTPLANE_ZITADEL_* or, by default, PCA's host on :3443.)
const gnmi = new certplane.pca.PersonalAccessToken("gnmi", {
  lifetimeHours: 2160,
  earlyRenewalHours: 720,
});

// Oracle SBC (seed 003): the device makes the key and CSR for its TLS certificate-record, PCA signs
// the device CSR, and the certificate goes back onto the SBC (saved and activated). The key never
// leaves the device. (Connection from CERTPLANE_ORACLESBC_* or certplane:oraclesbc* config.)
const sbcRecord = new certplane.oraclesbc.CertificateRecord("sbc-tls", {
  name: "sbc-tls",
  commonName: "sbc.example.com",
  organization: "Example Corp",
  country: "US",
  alternateNames: ["DNS:sbc.example.com"],
  keySize: 2048,
});
const sbcCertificate = new certplane.pca.SignedCertificate("sbc-tls", {
  certRequestPem: sbcRecord.certRequestPem,
  requestedUsername: "sbc.example.com",
  certDurationHours: 24 * 90,
  earlyRenewalHours: 24 * 14,
});
const sbcImport = new certplane.oraclesbc.CertificateImport("sbc-tls", {
  recordName: sbcRecord.recordName,
  certificatePem: sbcCertificate.certificatePem,
});

// NetFoundry Frontdoor (seed 004): NetFoundry signs the API client's CSR, renewed 30 days before
// its 365 days run out. (Connection from CERTPLANE_NETFOUNDRY_* or certplane:netfoundry* config.)
const frontdoorCert = new certplane.netfoundry.ClientCertificate("api-client", {
  name: "api-client-prod",
  certRequestPem: apiClient.certRequestPem,
  earlyRenewalHours: 720,
});

// ...and uploads a certificate from your own CA: here the PCA-signed NSO certificate, so the same
// identity is accepted at the Frontdoor share. A new PEM after renewal is a PUT in place.
const frontdoorUpload = new certplane.netfoundry.ClientCertificate("nso-user", {
  name: "nso-user",
  certificatePem: nsoCertificate.certificatePem,
});

// AppViewX CERT+ (seed 002): SSH user and host certificates over mTLS, renewed a day early; revocation
// frees the key for the renewal (one valid certificate per key) and revokes on destroy. The keys come
// from CertificateRequest (its publicKeyOpenssh); examples/tls-interop shows @pulumi/tls keys instead.
// These short-lived certificates renew for the same key (their few days of validity are the
// control); give a key `rotateAfterHours: validity − earlyRenewalHours` to renew for a new one.
// (Connection from CERTPLANE_APPVIEWX_* or certplane:appviewx* config.)
const deployKey = new certplane.CertificateRequest("deploy", {
  algorithm: "ED25519",
  subject: { commonName: "ci-deploy" },
});
const deployCert = new certplane.appviewx.SshCertificate("deploy", {
  publicKey: deployKey.publicKeyOpenssh,
  certType: "User",
  principals: ["deploy"],
  validityValue: 7,
  validityUnit: "days",
  certificateIdentity: "ci-deploy",
  caName: "testVendor.user.ca",
  earlyRenewalHours: 24,
  revocation: { groupName: "default", reason: "superseded" },
});
const webKey = new certplane.CertificateRequest("web1", {
  algorithm: "ECDSA",
  ecdsaCurve: "P256",
  subject: { commonName: "web1.example.com" },
});
const webCert = new certplane.appviewx.SshCertificate("web1", {
  publicKey: webKey.publicKeyOpenssh,
  certType: "Host",
  principals: ["web1.example.com"],
  validityValue: 30,
  validityUnit: "days",
  certificateIdentity: "web1",
  caName: "test-ssh-avx-ca",
  earlyRenewalHours: 24,
  revocation: { groupName: "default", reason: "superseded" },
});

export const nsoUserCsr = nsoUser.certRequestPem;
export const deploySshCertificate = deployCert.certificate;
export const web1SshHostCertificate = webCert.certificate;
export const frontdoorUploadFingerprint = frontdoorUpload.fingerprintSha256;
export const frontdoorCertificateId = frontdoorCert.id;
export const sbcCertificateFingerprint = sbcImport.fingerprintSha256;
export const gnmiToken = gnmi.token; // secret
export const nsoCertificatePem = nsoCertificate.certificatePem;
export const nsoCertificateNotAfter = nsoCertificate.notAfter;
export const nsoUserKeyFingerprint = nsoUser.publicKeyFingerprintSha256;
// Secret: examples/consumer reads it through a StackReference.
export const nsoUserKey = nsoUser.privateKeyPem;
export const apiClientPublicKey = apiClient.publicKeyOpenssh;
