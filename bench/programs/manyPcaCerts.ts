/**
 * Bench program: `count` Cisco PCA certificates, each a CertificateRequest (config `algorithm`: RSA
 * 2048 or ECDSA P256) whose CSR pca.SignedCertificate has signed for 24 hours, with the CN as the
 * requested username. The PCA connection comes from CERTPLANE_PCA_* (the throughput bench passes the
 * simulator's), so no credential is an input.
 */
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const algorithm = config.require<"RSA" | "ECDSA">("algorithm", { allowedValues: ["RSA", "ECDSA"] });
const keyArgs =
  algorithm === "RSA"
    ? { algorithm, rsaBits: 2048 as const }
    : { algorithm, ecdsaCurve: "P256" as const };

function declareAll(): number {
  for (let i = 0; i < count; i++) {
    const commonName = `device-${i}.example.com`;
    const csr = new certplane.CertificateRequest(`csr-${i}`, {
      ...keyArgs,
      subject: { commonName },
    });
    new certplane.pca.SignedCertificate(`cert-${i}`, {
      certRequestPem: csr.certRequestPem,
      requestedUsername: commonName,
      certDurationHours: 24,
    });
  }
  return count;
}

// Config `afterAwait`: declared in a promise callback, so the stack the Node SDK records for each
// resource starts there instead of at Pulumi's program loader (docs/benchmarks.md, "Large stacks").
export const declared = config.getBoolean("afterAwait")
  ? Promise.resolve().then(declareAll)
  : declareAll();
