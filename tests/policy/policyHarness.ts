/**
 * Runs certplane's CrossGuard policies as the policy server does, without an engine: a policy's
 * `validateResource` / `validateStack` is called with the args CrossGuard builds (type, name, URN,
 * props behind `@pulumi/policy`'s own unknown-checking proxy, getConfig), and the messages it
 * reports are collected. tests/engine/policy*.spec.ts holds the same rules to the real CLI.
 */
import { unknownCheckingProxy } from "@pulumi/policy";
import type {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import {
  certplanePolicies,
  type CertplanePolicySettings,
  type CertplaneRuleName,
} from "../../policy/rules";
import { certplaneType } from "../../policy/rules/certplaneTypes";
import { UNKNOWN_SENTINEL } from "../../policy/rules/inputs";

/** The engine's marker for an output not known during preview, as a policy receives it. */
export const UNKNOWN = UNKNOWN_SENTINEL;

/** The clock the unit specs judge date-pinned tokens by. */
export const NOW = new Date("2030-01-01T00:00:00Z");

/** Which door a resource comes through. */
export type Door = "plugin" | "dynamic" | "generic-dynamic";

/** Every door, for specs that run a case through each. */
export const DOORS: Door[] = ["plugin", "dynamic", "generic-dynamic"];

/** A resource to show a policy: a schema token, a name and the inputs (as the engine gives them). */
export interface ResourceCase {
  token: string;
  name?: string;
  props: Record<string, unknown>;
  /** The inputs of the resource's provider (the plugin door's stack config). */
  providerProps?: Record<string, unknown>;
  door?: Door;
}

/**
 * The part of what Pulumi serializes for a type's shim (sdk/hooksShims/) that names its module
 * (what the generic door reads): by value, the function that requires the hooks module (a checkout
 * or a linked package); by reference, the `require` of the shim module (an installed package).
 */
export function serializedProvider(
  hooks: string,
  form: "value" | "reference" | "reference.js" = "value",
): string {
  if (form === "value") {
    return `var __provider = {configure: __f1};\nfunction __f1(__0) { const hooks = require("pulumi-certplane/dist/provider/${hooks}"); }`;
  }
  // The serializer names the module with or without `.js`, as it maps the file through the exports.
  const file = form === "reference.js" ? `${hooks}.js` : hooks;
  return `exports.handler = __f0;\nconst provider = require("pulumi-certplane/dist/sdk/hooksShims/${file}");\n`;
}

/** The type token and props the engine shows a policy for `resource` through its door. */
export function asSeen(resource: ResourceCase): { type: string; props: Record<string, unknown> } {
  const door = resource.door ?? "plugin";
  if (door === "plugin") return { type: resource.token, props: resource.props };
  const { dynamicType, hooks } = certplaneType(resource.token);
  const props = { ...resource.props, __provider: serializedProvider(hooks) };
  return door === "dynamic"
    ? { type: `pulumi-nodejs:dynamic/certplane:${dynamicType}`, props }
    : { type: "pulumi-nodejs:dynamic:Resource", props };
}

function urnOf(type: string, name: string): string {
  return `urn:pulumi:dev::policy-spec::${type}::${name}`;
}

function policyNamed(
  rule: CertplaneRuleName,
  settings: CertplanePolicySettings,
): ResourceValidationPolicy | StackValidationPolicy {
  const policy = certplanePolicies(settings, { now: () => NOW }).find((p) => p.name === rule);
  if (!policy) throw new Error(`no policy ${rule}`);
  return policy;
}

/** The messages `rule` reports for one resource; `config` plays `--policy-pack-config`. */
export async function violationsOf(
  rule: CertplaneRuleName,
  resource: ResourceCase,
  settings: CertplanePolicySettings = {},
  config: Record<string, unknown> = {},
): Promise<string[]> {
  const policy = policyNamed(rule, settings) as ResourceValidationPolicy;
  if (!policy.validateResource) throw new Error(`${rule} is not a resource policy`);
  const { type, props } = asSeen(resource);
  const name = resource.name ?? "subject";
  const args = {
    type,
    name,
    urn: urnOf(type, name),
    props: unknownCheckingProxy(props),
    provider: resource.providerProps && {
      type: "pulumi:providers:certplane",
      name: "default",
      urn: urnOf("pulumi:providers:certplane", "default"),
      props: unknownCheckingProxy(resource.providerProps),
    },
    getConfig: () => config,
  } as unknown as ResourceValidationArgs;
  const messages: string[] = [];
  const validations = [policy.validateResource].flat();
  for (const validate of validations) {
    await validate(args, (message) => messages.push(message));
  }
  return messages;
}

/** A resource in a stack case, with the names of the resources each input came from. */
export interface StackCase extends ResourceCase {
  name: string;
  inputSources?: Record<string, string[]>;
}

/** The messages (with the URN each names) `rule` reports for a stack of resources. */
export async function stackViolationsOf(
  rule: CertplaneRuleName,
  resources: StackCase[],
  settings: CertplanePolicySettings = {},
): Promise<{ urn: string; message: string }[]> {
  const policy = policyNamed(rule, settings) as StackValidationPolicy;
  const byName = new Map<string, PolicyResource>();
  for (const resource of resources) {
    const { type, props } = asSeen(resource);
    byName.set(resource.name, {
      type,
      name: resource.name,
      urn: urnOf(type, resource.name),
      props: unknownCheckingProxy(props),
      dependencies: [],
      propertyDependencies: {},
    } as unknown as PolicyResource);
  }
  for (const resource of resources) {
    const seen = byName.get(resource.name)!;
    for (const [input, sources] of Object.entries(resource.inputSources ?? {})) {
      seen.propertyDependencies[input] = sources.map((source) => byName.get(source)!);
    }
  }
  const found: { urn: string; message: string }[] = [];
  const args = {
    resources: [...byName.values()],
    getConfig: () => ({}),
  } as unknown as StackValidationArgs;
  await policy.validateStack(args, (message, urn) => found.push({ message, urn: urn ?? "" }));
  return found;
}
