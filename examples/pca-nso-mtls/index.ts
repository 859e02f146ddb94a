// Seed 000 ("Mutual TLS Certificates") as code: a key and CSR for nso-user, signed by Cisco PCA for
// 2160 hours with the NSO roles, validated over mTLS, and exported for the stack that configures NSO.
// The PCA connection comes from the environment (CERTPLANE_PCA_URL, _TOKEN, _CA_CERT_PEM) or stack
// config (certplane:pcaUrl, …).
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();

const nsoUser = new certplane.CertificateRequest("nso-user", {
  subject: { commonName: "nso-user" },
  // A new size is a new key: the request is replaced, and PCA signs the new one.
  rsaBits: config.getNumber("rsaBits") as 2048 | 3072 | 4096 | undefined,
});

const nsoCertificate = new certplane.pca.SignedCertificate("nso-user", {
  certRequestPem: nsoUser.certRequestPem,
  requestedUsername: "nso-user",
  assignedRoles: ["tenant-admin", "tenant-contributor", "ug_all_data_access"],
  certDurationHours: 2160,
  privateKeyPem: nsoUser.privateKeyPem,
  earlyRenewalHours: config.getNumber("earlyRenewalHours") ?? 240,
});

export const nsoCertificatePem = nsoCertificate.certificatePem;
export const nsoPrivateKeyPem = nsoUser.privateKeyPem; // secret
export const nsoSerialNumber = nsoCertificate.serialNumber;
export const nsoNotAfter = nsoCertificate.notAfter;
export const nsoValidated = nsoCertificate.validated;
