/**
 * certplane-key-rotation: a certificate renewed for the same key is not a renewal an auditor accepts
 * (DESIGN.md, Day two). When a `CertificateRequest`'s key feeds a signer that renews (PCA's
 * `certRequestPem`, NetFoundry's `certRequestPem`, AppViewX's `publicKey`, with `earlyRenewalHours`
 * set), the key must rotate by the time the renewal comes: `rotateAfterHours` set, and at most the
 * signer's validity minus its renewal window, so key and certificate are replaced in the same `up`.
 * Which key feeds which signer is a link between two resources, so this is a stack policy.
 */
import { certplaneType } from "./certplaneTypes";
import { effectiveInput, UNKNOWN } from "./inputs";
import { renewalOf } from "./renewal";
import { knownNumber, type StackRule } from "./rule";
import { resourceLabel } from "./violation";

const CERTIFICATE_REQUEST = certplaneType("certplane:index:CertificateRequest");

/** The input through which each signer takes a key (its CSR, or its public key). */
const KEY_INPUTS: Record<string, string> = {
  "certplane:pca:SignedCertificate": "certRequestPem",
  "certplane:netfoundry:ClientCertificate": "certRequestPem",
  "certplane:appviewx:SshCertificate": "publicKey",
};

/** The rule (no options: the limit comes from each signer). */
export const keyRotation: StackRule<"certplane-key-rotation", Record<string, never>> = {
  name: "certplane-key-rotation",
  scope: "stack",
  description:
    "A CertificateRequest whose key feeds a signer that renews rotates at renewal: rotateAfterHours at most the signer's validity minus its earlyRenewalHours.",
  level: "advisory",
  defaults: {},
  optionSchemas: {},
  check(resources, _options, report, context) {
    for (const signer of resources) {
      const keyInput = KEY_INPUTS[signer.type.token];
      if (!keyInput) continue;
      const window = knownNumber(effectiveInput(signer, "earlyRenewalHours"));
      const renewal = renewalOf(signer, context);
      if (!renewal || window === undefined || window <= 0) continue;
      const limit = renewal.hours === undefined ? undefined : Math.max(1, renewal.hours - window);
      for (const key of signer.inputSources[keyInput] ?? []) {
        if (key.type !== CERTIFICATE_REQUEST) continue;
        const rotate = effectiveInput(key, "rotateAfterHours");
        if (rotate === UNKNOWN) continue;
        const hours = knownNumber(rotate);
        const feeds = `its key feeds ${resourceLabel(signer)} (${keyInput}), which renews ${window} hours before its ${renewal.hours ?? "unknown"}-hour validity ends`;
        const bound =
          limit === undefined
            ? "set, so each renewal is for a new key"
            : `at most ${limit} hours (the signer's validity − earlyRenewalHours), so each renewal is for a new key`;
        if (hours === undefined) {
          report(key, {
            property: "rotateAfterHours",
            value: `not set (the key never rotates)`,
            problem: feeds,
            limit: bound,
          });
        } else if (limit !== undefined && hours > limit) {
          report(key, {
            property: "rotateAfterHours",
            value: String(hours),
            problem: `later than the renewal: ${feeds}`,
            limit: bound,
          });
        }
      }
    }
  },
};
