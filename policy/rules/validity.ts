/**
 * The validity rules: no certificate or token may live longer than the organisation allows.
 * - certplane-certificate-validity: Cisco PCA `certDurationHours`;
 * - certplane-ssh-certificate-validity: AppViewX `validityValue` × `validityUnit`;
 * - certplane-token-lifetime: PCA's Zitadel PAT `lifetimeHours`, or an `expirationDate` (from now).
 * NetFoundry signs for a fixed 365 days and an SBC import carries a certificate signed elsewhere:
 * neither has a validity input to limit.
 */
import { certplaneType } from "./certplaneTypes";
import { effectiveInput, readInput, type CertplaneResource } from "./inputs";
import { HOURS_PER_UNIT, knownNumber, type ResourceRule } from "./rule";
import { shownValue } from "./violation";

const PCA_CERTIFICATE = certplaneType("certplane:pca:SignedCertificate");
const SSH_CERTIFICATE = certplaneType("certplane:appviewx:SshCertificate");
const TOKEN = certplaneType("certplane:pca:PersonalAccessToken");

/** Options of a validity rule. */
export interface MaxHoursOptions {
  /** The longest validity allowed, in hours. */
  maxHours: number;
}

const MAX_HOURS_SCHEMA = { maxHours: { type: "integer" as const, minimum: 1 } };

/** The SSH certificate's validity in hours, when its value and unit are known. */
export function sshValidityHours(resource: CertplaneResource): number | undefined {
  const value = knownNumber(effectiveInput(resource, "validityValue"));
  const unit = effectiveInput(resource, "validityUnit");
  const perUnit = typeof unit === "string" ? HOURS_PER_UNIT[unit.toLowerCase()] : undefined;
  return value === undefined || perUnit === undefined ? undefined : value * perUnit;
}

/** Hours from `now` to an RFC 3339 date, when it parses. */
export function hoursUntil(date: unknown, now: Date): number | undefined {
  if (typeof date !== "string") return undefined;
  const at = Date.parse(date);
  return Number.isNaN(at) ? undefined : (at - now.getTime()) / 3_600_000;
}

/** certplane-certificate-validity. */
export const certificateValidity: ResourceRule<"certplane-certificate-validity", MaxHoursOptions> =
  {
    name: "certplane-certificate-validity",
    scope: "resource",
    description: "Cisco PCA certificates are valid for at most maxHours (certDurationHours).",
    level: "mandatory",
    defaults: { maxHours: 2160 },
    optionSchemas: MAX_HOURS_SCHEMA,
    check(resource, options, report) {
      if (resource.type !== PCA_CERTIFICATE) return;
      const hours = knownNumber(effectiveInput(resource, "certDurationHours"));
      if (hours === undefined || hours <= options.maxHours) return;
      report({
        property: "certDurationHours",
        value: String(hours),
        problem: "longer than allowed",
        limit: `at most ${options.maxHours} hours (maxHours)`,
      });
    },
  };

/** certplane-ssh-certificate-validity. */
export const sshCertificateValidity: ResourceRule<
  "certplane-ssh-certificate-validity",
  MaxHoursOptions
> = {
  name: "certplane-ssh-certificate-validity",
  scope: "resource",
  description:
    "AppViewX SSH certificates are valid for at most maxHours (validityValue × validityUnit).",
  level: "mandatory",
  defaults: { maxHours: 720 },
  optionSchemas: MAX_HOURS_SCHEMA,
  check(resource, options, report) {
    if (resource.type !== SSH_CERTIFICATE) return;
    const hours = sshValidityHours(resource);
    if (hours === undefined || hours <= options.maxHours) return;
    const unit = shownValue(
      resource.type,
      "validityUnit",
      effectiveInput(resource, "validityUnit"),
    );
    report({
      property: "validityValue",
      value: `${String(effectiveInput(resource, "validityValue"))} ${unit} (${hours} hours)`,
      problem: "longer than allowed",
      limit: `at most ${options.maxHours} hours (maxHours)`,
    });
  },
};

/** certplane-token-lifetime. */
export const tokenLifetime: ResourceRule<"certplane-token-lifetime", MaxHoursOptions> = {
  name: "certplane-token-lifetime",
  scope: "resource",
  description:
    "PCA personal access tokens live at most maxHours (lifetimeHours, or expirationDate counted from now).",
  level: "mandatory",
  defaults: { maxHours: 2160 },
  optionSchemas: MAX_HOURS_SCHEMA,
  check(resource, options, report, context) {
    if (resource.type !== TOKEN) return;
    const lifetime = knownNumber(readInput(resource.props, ["lifetimeHours"]));
    if (lifetime !== undefined && lifetime > options.maxHours) {
      report({
        property: "lifetimeHours",
        value: String(lifetime),
        problem: "longer than allowed",
        limit: `at most ${options.maxHours} hours (maxHours)`,
      });
    }
    const date = readInput(resource.props, ["expirationDate"]);
    const now = context.now();
    const hours = hoursUntil(date, now);
    if (hours === undefined || hours <= options.maxHours) return;
    const latest = new Date(now.getTime() + options.maxHours * 3_600_000).toISOString();
    report({
      property: "expirationDate",
      value: `${shownValue(resource.type, "expirationDate", date)} (${Math.ceil(hours)} hours from now)`,
      problem: "later than allowed",
      limit: `at most ${options.maxHours} hours from now (maxHours): ${latest} or earlier`,
    });
  },
};
