// A second stack consuming the quickstart's outputs, as a team that owns a service would: it reads
// the NSO user's key through a StackReference (it stays a secret on the way) and makes a CSR for a
// second identity with the same key, proves both stacks agree on the key, and bundles the PCA-signed
// certificate with its key as PKCS#12.
import * as pulumi from "@pulumi/pulumi";
import * as certplane from "pulumi-certplane";

const config = new pulumi.Config();
// "organization/<project>/<stack>" is how a file backend (and the lifecycle runner) names a stack.
const quickstart = new pulumi.StackReference(
  config.get("quickstartStack") ?? "organization/quickstart/demo",
);

const nsoUserKey = quickstart.requireOutput("nsoUserKey") as pulumi.Output<string>;

const nsoGnmi = new certplane.CertificateRequest("nso-user-gnmi", {
  privateKeyPem: nsoUserKey,
  subject: { commonName: "nso-user", organizationalUnit: "gnmi" },
  dnsNames: ["nso-gnmi.example.com"],
});

// The NSO certificate and key as a PKCS#12 bundle, for a Java or Windows client. Set the password
// with `pulumi config set --secret pfxPassword …`; the fallback only suits the local demo.
const pfxPassword = config.getSecret("pfxPassword") ?? pulumi.secret("certplane-demo");
export const nsoUserPfx = certplane.toPkcs12({
  certificatePem: quickstart.requireOutput("nsoCertificatePem") as pulumi.Output<string>,
  privateKeyPem: nsoUserKey,
  password: pfxPassword,
  friendlyName: "nso-user",
});

export const gnmiCsr = nsoGnmi.certRequestPem;
export const sharesQuickstartKey = pulumi
  .all([quickstart.requireOutput("nsoUserKeyFingerprint"), nsoGnmi.publicKeyFingerprintSha256])
  .apply(([theirs, ours]) => theirs === ours);
