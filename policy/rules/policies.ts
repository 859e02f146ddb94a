/**
 * `certplanePolicies()`: every certplane rule as a CrossGuard policy, for both front doors, at the
 * level and with the options a pack gives it. Resource rules become `ResourceValidationPolicy`s, the
 * key-rotation rule (two linked resources) a `StackValidationPolicy`. A pack's config file
 * (`--policy-pack-config`) overrides both, rule by rule, as CrossGuard does for any policy.
 */
import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { asCertplaneResource, type CertplaneResource } from "./inputs";
import { keyRotation } from "./keyRotation";
import { keyStrength } from "./keyStrength";
import { dnsNames, sshPrincipals } from "./naming";
import { renewalWindow } from "./renewal";
import type { Rule, RuleContext, RuleLevel, StackResource } from "./rule";
import { caBundle, proxyCredentials, tlsVerification } from "./transport";
import { certificateValidity, sshCertificateValidity, tokenLifetime } from "./validity";
import { violationMessage } from "./violation";

/** Every rule, in the order the docs list them. */
export const CERTPLANE_RULES = [
  keyStrength,
  certificateValidity,
  sshCertificateValidity,
  tokenLifetime,
  renewalWindow,
  keyRotation,
  tlsVerification,
  caBundle,
  proxyCredentials,
  sshPrincipals,
  dnsNames,
] as const;

type AnyRule = (typeof CERTPLANE_RULES)[number];

/** A rule's setting: a level, or a level and any of its options. */
export type RuleSetting<Options extends object> =
  RuleLevel | ({ enforcementLevel?: RuleLevel } & Partial<Options>);

/** Settings for any of the rules, by rule name; a rule left out runs at its defaults. */
export type CertplanePolicySettings = {
  [R in AnyRule as R["name"]]?: RuleSetting<R["defaults"]>;
};

/** The name of a certplane rule. */
export type CertplaneRuleName = AnyRule["name"];

/** What the policies need besides settings. */
export interface CertplanePolicyContext {
  /**
   * The clock a date-pinned token's expiry is judged by.
   * @default - the system clock
   */
  now?: () => Date;
}

/** A CrossGuard policy of this pack. */
export type CertplanePolicy = ResourceValidationPolicy | StackValidationPolicy;

/** The level and the options a rule runs with, after the settings; throws for unknown options. */
export function effectiveSetting(
  rule: Rule,
  setting: RuleSetting<object> | undefined,
): { level: RuleLevel; options: Record<string, unknown> } {
  if (setting === undefined) return { level: rule.level, options: { ...rule.defaults } };
  if (typeof setting === "string") return { level: setting, options: { ...rule.defaults } };
  const { enforcementLevel, ...options } = setting;
  const known = Object.keys(rule.optionSchemas);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new Error(
        `certplanePolicies: ${rule.name} has no option ${JSON.stringify(key)}; its options are ${known.join(", ") || "none"}`,
      );
    }
  }
  return { level: enforcementLevel ?? rule.level, options: { ...rule.defaults, ...options } };
}

function configSchemaOf(
  rule: Rule,
  options: Record<string, unknown>,
): PolicyConfigSchema | undefined {
  const entries = Object.entries(rule.optionSchemas as Record<string, PolicyConfigJSONSchema>);
  if (entries.length === 0) return undefined;
  return {
    properties: Object.fromEntries(
      entries.map(([key, schema]) => [
        key,
        { ...schema, default: options[key] as PolicyConfigJSONSchema["default"] },
      ]),
    ),
  };
}

/** The certplane resources a stack check sees, each with the certplane resources it was built from. */
function stackResources(resources: PolicyResource[]): StackResource[] {
  const found = new Map<string, CertplaneResource>();
  for (const resource of resources) {
    const certplane = asCertplaneResource(resource);
    if (certplane) found.set(resource.urn, certplane);
  }
  return resources.flatMap((resource) => {
    const certplane = found.get(resource.urn);
    if (!certplane) return [];
    const inputSources = Object.fromEntries(
      Object.entries(resource.propertyDependencies ?? {}).map(([input, sources]) => [
        input,
        sources.flatMap((source) => found.get(source.urn) ?? []),
      ]),
    );
    return [{ ...certplane, inputSources }];
  });
}

function policyOf(
  rule: Rule,
  setting: RuleSetting<object> | undefined,
  context: RuleContext,
): CertplanePolicy {
  const { level, options } = effectiveSetting(rule, setting);
  const base = {
    name: rule.name,
    description: rule.description,
    enforcementLevel: level,
    configSchema: configSchemaOf(rule, options),
  };
  // Options from the pack's config file (CrossGuard's getConfig) over the pack's own.
  const optionsWith = (config: object) => ({ ...options, ...config });
  if (rule.scope === "resource") {
    return {
      ...base,
      validateResource: (args, reportViolation: ReportViolation) => {
        const resource = asCertplaneResource(args);
        if (!resource) return;
        rule.check(
          resource,
          optionsWith(args.getConfig()),
          (violation) => reportViolation(violationMessage(resource, violation)),
          context,
        );
      },
    };
  }
  return {
    ...base,
    validateStack: (args, reportViolation: ReportViolation) => {
      rule.check(
        stackResources(args.resources),
        optionsWith(args.getConfig()),
        (resource, violation) =>
          reportViolation(violationMessage(resource, violation), resource.urn),
        context,
      );
    },
  };
}

/**
 * CrossGuard policies for every certplane resource type, through both front doors: the native
 * plugin's schema tokens (Python, Go, YAML, and TypeScript through the plugin) and the dynamic
 * resources of the TypeScript SDK. Each rule runs at its default level with its default options
 * unless `settings` says otherwise:
 *
 * ```ts
 * new PolicyPack("my-org", {
 *   policies: [
 *     ...certplanePolicies({
 *       "certplane-certificate-validity": { maxHours: 24 * 30 },
 *       "certplane-dns-names": { enforcementLevel: "mandatory", allowedPatterns: ["*.example.com"] },
 *       "certplane-ca-bundle": "disabled",
 *     }),
 *   ],
 * });
 * ```
 *
 * @param settings - per rule: a level (`"advisory"`, `"mandatory"`, `"disabled"`), or a level and
 *   options. An unknown rule name or option throws, naming it.
 * @param context - the clock (tests).
 */
export function certplanePolicies(
  settings: CertplanePolicySettings = {},
  context: CertplanePolicyContext = {},
): CertplanePolicy[] {
  const names: string[] = CERTPLANE_RULES.map((rule) => rule.name);
  for (const name of Object.keys(settings)) {
    if (!names.includes(name)) {
      throw new Error(
        `certplanePolicies: no rule ${JSON.stringify(name)}; the rules are ${names.join(", ")}`,
      );
    }
  }
  const ruleContext: RuleContext = { now: context.now ?? (() => new Date()) };
  const bySetting = settings as Record<string, RuleSetting<object> | undefined>;
  return CERTPLANE_RULES.map((rule) => policyOf(rule as Rule, bySetting[rule.name], ruleContext));
}
