// SSH certificates for a fleet from AppViewX CERT+ (seed 002): a user certificate for the deploy
// key and a host certificate for a web server, both renewed a day before they expire. Revocation is
// configured, so renewal and destroy revoke the old certificate (AppViewX allows one valid
// certificate per key). The keys come from CertificateRequest (publicKeyOpenssh); examples/tls-interop
// shows the same with @pulumi/tls keys. Connection: CERTPLANE_APPVIEWX_URL, _CLIENT_CERTIFICATE_PEM,
// _CLIENT_PRIVATE_KEY_PEM, _CA_CERT_PEM, _REVOCATION_USERNAME, _REVOCATION_PASSWORD (or stack config).
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();
const revocation = { groupName: config.get("groupName") ?? "default", reason: "superseded" };

const deployKey = new certplane.CertificateRequest("deploy", {
  algorithm: "ED25519",
  subject: { commonName: "ci-deploy" },
});
const deployCert = new certplane.appviewx.SshCertificate("deploy", {
  publicKey: deployKey.publicKeyOpenssh,
  certType: "User",
  principals: config.getObject<string[]>("principals") ?? ["deploy", "admin"],
  validityValue: 7,
  validityUnit: "days",
  certificateIdentity: "ci-deploy",
  caName: "testVendor.user.ca",
  earlyRenewalHours: 24,
  revocation,
});

const hostKey = new certplane.CertificateRequest("web1", {
  algorithm: "ECDSA",
  ecdsaCurve: "P256",
  subject: { commonName: "web1.example.com" },
});
const hostCert = new certplane.appviewx.SshCertificate("web1", {
  publicKey: hostKey.publicKeyOpenssh,
  certType: "Host",
  principals: ["web1.example.com"],
  validityValue: 30,
  validityUnit: "days",
  certificateIdentity: "web1",
  caName: "test-ssh-avx-ca",
  earlyRenewalHours: 24,
  revocation,
});

export const deployCertificate = deployCert.certificate;
export const deploySerial = deployCert.serialNumber;
export const deployValidTo = deployCert.validTo;
export const hostCertificate = hostCert.certificate;
export const hostSerial = hostCert.serialNumber;
