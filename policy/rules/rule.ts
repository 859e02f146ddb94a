/**
 * How a certplane rule is written: a name, a description, a default enforcement level, options with
 * the defaults a security team would choose (and their JSON schema, so `--policy-pack-config` can
 * change them), and a check that reports {@link Violation}s. ./policies.ts turns each into a
 * CrossGuard policy for both front doors.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { CertplaneResource } from "./inputs";
import type { Violation } from "./violation";

/** A rule's enforcement: warn, fail the preview, or do not run. */
export type RuleLevel = "advisory" | "mandatory" | "disabled";

/** What rules may read besides a resource: the clock (a date-pinned expiry is judged from now). */
export interface RuleContext {
  now(): Date;
}

/** What every rule has. */
interface RuleBase<Name extends string, Options extends object> {
  name: Name;
  /** One sentence: what the rule requires. */
  description: string;
  /** The level it runs at unless the pack or its config says otherwise. */
  level: RuleLevel;
  /** The options' defaults. */
  defaults: Options;
  /** A JSON schema for each option (without `default`: filled in from the effective defaults). */
  optionSchemas: { [Key in keyof Options]: PolicyConfigJSONSchema };
}

/** A rule about one resource at a time (CrossGuard's `ResourceValidationPolicy`). */
export interface ResourceRule<Name extends string, Options extends object> extends RuleBase<
  Name,
  Options
> {
  scope: "resource";
  check(
    resource: CertplaneResource,
    options: Options,
    report: (violation: Violation) => void,
    context: RuleContext,
  ): void;
}

/** A certplane resource in a stack check, with the resources each of its inputs came from. */
export interface StackResource extends CertplaneResource {
  /** For each input, the resources whose outputs it was built from (certplane ones only). */
  inputSources: Record<string, CertplaneResource[]>;
}

/** A rule about how resources are linked (CrossGuard's `StackValidationPolicy`). */
export interface StackRule<Name extends string, Options extends object> extends RuleBase<
  Name,
  Options
> {
  scope: "stack";
  check(
    resources: StackResource[],
    options: Options,
    report: (resource: CertplaneResource, violation: Violation) => void,
    context: RuleContext,
  ): void;
}

/** Any rule. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule has its own option type
export type Rule = ResourceRule<string, any> | StackRule<string, any>;

/** Hours per AppViewX validity unit (`months` are 30 days and `years` 365, as the provider counts). */
export const HOURS_PER_UNIT: Record<string, number> = {
  hours: 1,
  days: 24,
  weeks: 24 * 7,
  months: 24 * 30,
  years: 24 * 365,
};

/** A known whole number, or undefined (not set, unknown during preview, or not a number). */
export function knownNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
