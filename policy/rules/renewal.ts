/**
 * certplane-renewal-window: every certificate and token renews before it expires — its
 * `earlyRenewalHours` is set, and at least `minFraction` of its validity, so the first `pulumi up`
 * inside the window replaces it while the old one still serves (create-before-delete).
 */
import { certplaneType } from "./certplaneTypes";
import { effectiveInput, readInput, UNKNOWN, type CertplaneResource } from "./inputs";
import { knownNumber, type ResourceRule, type RuleContext } from "./rule";
import { hoursUntil, sshValidityHours } from "./validity";

const PCA_CERTIFICATE = certplaneType("certplane:pca:SignedCertificate");
const SSH_CERTIFICATE = certplaneType("certplane:appviewx:SshCertificate");
const TOKEN = certplaneType("certplane:pca:PersonalAccessToken");
const NETFOUNDRY_CERTIFICATE = certplaneType("certplane:netfoundry:ClientCertificate");

/** NetFoundry signs a CSR for 365 days, whatever the request says (seed 004). */
export const NETFOUNDRY_SIGNED_HOURS = 365 * 24;

/**
 * Whether a resource renews itself (it has an `earlyRenewalHours` that means something), and its
 * validity in hours when known. A NetFoundry upload carries a certificate issued elsewhere: its
 * renewal is the issuer's; an SBC import likewise.
 */
export function renewalOf(
  resource: CertplaneResource,
  context: RuleContext,
): { hours: number | undefined } | undefined {
  switch (resource.type) {
    case PCA_CERTIFICATE:
      return { hours: knownNumber(effectiveInput(resource, "certDurationHours")) };
    case SSH_CERTIFICATE:
      return { hours: sshValidityHours(resource) };
    case TOKEN: {
      const lifetime = readInput(resource.props, ["lifetimeHours"]);
      if (lifetime !== undefined) return { hours: knownNumber(lifetime) };
      return { hours: hoursUntil(readInput(resource.props, ["expirationDate"]), context.now()) };
    }
    case NETFOUNDRY_CERTIFICATE:
      // Signed by NetFoundry when it has a CSR (even one not known yet); an upload otherwise.
      return readInput(resource.props, ["certRequestPem"]) === undefined
        ? undefined
        : { hours: NETFOUNDRY_SIGNED_HOURS };
    default:
      return undefined;
  }
}

/** Options of certplane-renewal-window. */
export interface RenewalWindowOptions {
  /** The smallest renewal window, as a fraction of the validity (0.03: about a day a month). */
  minFraction: number;
}

/** The smallest window in whole hours for a validity. */
export function minimumWindowHours(validityHours: number, minFraction: number): number {
  return Math.ceil(validityHours * minFraction - 1e-9);
}

/** The rule. */
export const renewalWindow: ResourceRule<"certplane-renewal-window", RenewalWindowOptions> = {
  name: "certplane-renewal-window",
  scope: "resource",
  description:
    "Certificates and tokens renew before they expire: earlyRenewalHours is set and at least minFraction of the validity.",
  level: "mandatory",
  defaults: { minFraction: 0.03 },
  optionSchemas: { minFraction: { type: "number", minimum: 0, maximum: 1 } },
  check(resource, options, report, context) {
    const renewal = renewalOf(resource, context);
    if (!renewal) return;
    const window = effectiveInput(resource, "earlyRenewalHours");
    if (window === UNKNOWN) return;
    const hours = knownNumber(window) ?? 0;
    const validity = renewal.hours === undefined ? "" : ` of the ${renewal.hours}-hour validity`;
    const fraction = `${options.minFraction * 100}%${validity} (minFraction)`;
    if (hours <= 0) {
      report({
        property: "earlyRenewalHours",
        value: `${hours} (not set: it is never renewed before it expires)`,
        problem: "no renewal window",
        limit:
          renewal.hours === undefined
            ? `more than 0 hours, at least ${fraction}`
            : `at least ${Math.max(1, minimumWindowHours(renewal.hours, options.minFraction))} hours, ${fraction}`,
      });
      return;
    }
    if (renewal.hours === undefined) return;
    const minimum = minimumWindowHours(renewal.hours, options.minFraction);
    if (hours >= minimum) return;
    report({
      property: "earlyRenewalHours",
      value: String(hours),
      problem: "a shorter renewal window than allowed",
      limit: `at least ${minimum} hours, ${fraction}`,
    });
  },
};
