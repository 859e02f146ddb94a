// Seed 000 ("Mutual TLS Certificates") as code: a key and CSR for nso-user, signed by Cisco PCA for
// 2160 hours with the NSO roles, validated over mTLS, and exported for the stack that configures NSO.
// The PCA connection comes from the environment (CERTPLANE_PCA_URL, _TOKEN, _CA_CERT_PEM) or stack
// config (certplane:pcaUrl, …).
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();

// 90 days, renewed 10 days early; the key rotates when the window opens, so the renewal's
// certificate is for a new key, both in one `up` (docs/renewal.md).
const certDurationHours = 2160;
const earlyRenewalHours = config.getNumber("earlyRenewalHours") ?? 240;

const nsoUser = new certplane.CertificateRequest("nso-user", {
  subject: { commonName: "nso-user" },
  // A new size is a new key: the request is replaced, and PCA signs the new one.
  rsaBits: config.getNumber("rsaBits") as 2048 | 3072 | 4096 | undefined,
  rotateAfterHours: certDurationHours - earlyRenewalHours,
});

const nsoCertificate = new certplane.pca.SignedCertificate("nso-user", {
  certRequestPem: nsoUser.certRequestPem,
  requestedUsername: "nso-user",
  assignedRoles: ["tenant-admin", "tenant-contributor", "ug_all_data_access"],
  certDurationHours,
  privateKeyPem: nsoUser.privateKeyPem,
  earlyRenewalHours,
});

export const nsoCertificatePem = nsoCertificate.certificatePem;
export const nsoPrivateKeyPem = nsoUser.privateKeyPem; // secret
export const nsoSerialNumber = nsoCertificate.serialNumber;
export const nsoNotAfter = nsoCertificate.notAfter;
export const nsoKeyCreatedAt = nsoUser.keyCreatedAt;
export const nsoValidated = nsoCertificate.validated;
