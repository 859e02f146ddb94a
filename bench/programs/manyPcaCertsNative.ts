/**
 * Bench program: bench/programs/manyPcaCerts.ts through the native plugin's door: the same `count`
 * CertificateRequests (config `algorithm`) and pca.SignedCertificates, registered by the schema's
 * tokens as `pulumi.CustomResource`s (as a program in another language, or with no certplane SDK,
 * registers them), served by pulumi-resource-certplane from PATH. The PCA connection comes from
 * CERTPLANE_PCA_*, as for the dynamic door.
 *
 * The renewal schedule is config too, so the fleet bench can reach a renewal day: `certDurationHours`
 * (default 24), `earlyRenewalHours` and the keys' `rotateAfterHours` (both unset by default).
 */
import * as pulumi from "@pulumi/pulumi";
import { CERTIFICATE_TOKEN, KEY_TOKEN } from "./nativeTokens";

/** A resource of any native token (`CustomResource` is abstract in the typings only). */
class NativeResource extends pulumi.CustomResource {
  declare readonly certRequestPem: pulumi.Output<string>;
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const algorithm = config.require<"RSA" | "ECDSA">("algorithm", { allowedValues: ["RSA", "ECDSA"] });
const keyArgs =
  algorithm === "RSA" ? { algorithm, rsaBits: 2048 } : { algorithm, ecdsaCurve: "P256" };
const certDurationHours = config.getNumber("certDurationHours") ?? 24;
// Unset stays unset (not 0), so a stack without them sends what it always sent.
const earlyRenewalHours = config.getNumber("earlyRenewalHours");
const rotateAfterHours = config.getNumber("rotateAfterHours");

function declareAll(): number {
  for (let i = 0; i < count; i++) {
    const commonName = `device-${i}.example.com`;
    // certRequestPem named (as undefined) so the resource object carries it as an Output.
    const csr = new NativeResource(KEY_TOKEN, `csr-${i}`, {
      ...keyArgs,
      subject: { commonName },
      ...(rotateAfterHours === undefined ? {} : { rotateAfterHours }),
      certRequestPem: undefined,
    });
    new NativeResource(CERTIFICATE_TOKEN, `cert-${i}`, {
      certRequestPem: csr.certRequestPem,
      requestedUsername: commonName,
      certDurationHours,
      ...(earlyRenewalHours === undefined ? {} : { earlyRenewalHours }),
    });
  }
  return count;
}

// Config `afterAwait`: declared in a promise callback, so the stack the Node SDK records for each
// resource starts there instead of at Pulumi's program loader (docs/benchmarks.md, "Large stacks").
export const declared = config.getBoolean("afterAwait")
  ? Promise.resolve().then(declareAll)
  : declareAll();
