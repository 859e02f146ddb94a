// certplane with @pulumi/tls: a key from tls.PrivateKey gets an AppViewX CERT+ SSH user certificate,
// the way users who already make their keys with @pulumi/tls wire the two together. The tests run it
// through certplane's lifecycle runner only: the tls provider is a Go plugin that cannot be built from
// the Go module proxy (its go.mod replaces a local module), so the real CLI here cannot run it.
// Every other example gets its keys from certplane.CertificateRequest and runs under the real CLI.
import * as tls from "@pulumi/tls";
import * as certplane from "pulumi-certplane";

const key = new tls.PrivateKey("deploy", { algorithm: "ED25519" });
const certificate = new certplane.appviewx.SshCertificate("deploy", {
  publicKey: key.publicKeyOpenssh,
  certType: "User",
  principals: ["deploy"],
  validityValue: 7,
  validityUnit: "days",
  certificateIdentity: "ci-deploy",
  caName: "testVendor.user.ca",
  revocation: { groupName: "default", reason: "superseded" },
});

export const deployCertificate = certificate.certificate;
export const deployPublicKey = key.publicKeyOpenssh;
