/**
 * `pulumi-certplane/policy`: CrossGuard rules for certplane resources, for an organisation's policy
 * pack (docs/policy.md). The ready pack is the repository's policy/ folder.
 */
export {
  certplanePolicies,
  CERTPLANE_RULES,
  effectiveSetting,
  type CertplanePolicy,
  type CertplanePolicyContext,
  type CertplanePolicySettings,
  type CertplaneRuleName,
  type RuleSetting,
} from "./policies";
export type { RuleLevel } from "./rule";
export type { KeyStrengthOptions } from "./keyStrength";
export type { MaxHoursOptions } from "./validity";
export type { RenewalWindowOptions } from "./renewal";
export type { CaBundleOptions } from "./transport";
export type { SshPrincipalsOptions, DnsNamesOptions } from "./naming";
export { CERTPLANE_TYPES, certplaneTypeOf, type CertplaneType } from "./certplaneTypes";
