// The client certificates a Frontdoor share requires (seed 004): one NetFoundry signs from a CSR
// (365 days, renewed 30 days early), one uploaded from your own CA — here a PCA-signed certificate.
// Connection: CERTPLANE_NETFOUNDRY_URL / _TOKEN / _FRONTDOOR_ID / _CA_CERT_PEM (or OAuth client
// credentials, or certplane:netfoundry* config), and CERTPLANE_PCA_* for the uploaded one's signer.
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();

const meshKey = new certplane.CertificateRequest("service-mesh", {
  algorithm: "ECDSA",
  ecdsaCurve: "P256",
  subject: { commonName: "service-mesh", organization: "Example Corp" },
  // Rotates when the certificate's renewal window opens (8760 − 720 hours), so the renewal is for a
  // new key (docs/renewal.md).
  rotateAfterHours: 8760 - 720,
});
const meshCert = new certplane.netfoundry.ClientCertificate("service-mesh", {
  name: config.get("meshName") ?? "service-mesh-cert",
  certRequestPem: meshKey.certRequestPem,
  earlyRenewalHours: 720,
});

const apiKey = new certplane.CertificateRequest("api-client", {
  subject: { commonName: "api-client-prod" },
  // Rotates when its PCA certificate's window opens (90 days − 14), as the mesh key does.
  rotateAfterHours: 24 * 90 - 24 * 14,
});
const apiSigned = new certplane.pca.SignedCertificate("api-client", {
  certRequestPem: apiKey.certRequestPem,
  requestedUsername: "api-client-prod",
  certDurationHours: 24 * 90,
  earlyRenewalHours: 24 * 14,
});
const apiCert = new certplane.netfoundry.ClientCertificate("api-client", {
  name: "api-client-prod",
  certificatePem: apiSigned.certificatePem,
});

export const meshCertificateId = meshCert.id;
export const meshIssuer = meshCert.issuer;
export const meshNotAfter = meshCert.notAfter;
// The certificate NetFoundry issued, for the client that holds meshKey's private key.
export const meshCertificatePem = meshCert.certificatePem;
export const apiCertificateId = apiCert.id;
export const apiFingerprint = apiCert.fingerprintSha256;
