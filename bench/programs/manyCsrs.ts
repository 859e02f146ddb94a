/** Bench program: `count` ECDSA P-256 CertificateRequests (fast keys, so the runner and provider dominate). */
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const count = new pulumi.Config().requireNumber("count");
for (let i = 0; i < count; i++) {
  new certplane.CertificateRequest(`csr-${i}`, {
    algorithm: "ECDSA",
    ecdsaCurve: "P256",
    subject: { commonName: `device-${i}.example.com` },
  });
}
