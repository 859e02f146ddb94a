/**
 * The provider object every certplane resource hands to `pulumi.dynamic.Resource`.
 *
 * Pulumi serializes this object into state (`__provider`) and the dynamic-provider process `require`s
 * that text for every operation. So the object holds nothing but one string, the package specifier
 * of the hooks module, and one function shared by every type that loads the hooks at call time
 * (DESIGN.md, "The serialization rule"): the text stays small (under 1 KB), is identical for every
 * resource of a type, survives package upgrades and never holds a client, an agent, configuration or
 * a credential.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { HooksModules } from "./hooksModules";

/** The npm name the shims require the hooks by; it must match package.json's `name`. */
export const PACKAGE_NAME = "pulumi-certplane";

/** What a hooks module exports: `configure`, and the hooks `installHooks` puts on the shim. */
type HooksModule = Record<
  "configure" | "check" | "diff" | "create" | "read" | "update" | "delete",
  (...args: never[]) => unknown
>;

/**
 * A resource's hooks path below `provider/` (sdk/hooksModules.ts, generated from the schema) whose
 * module exports every hook: tsc refuses a path with no module, or whose module lacks a hook.
 */
export type HooksPath = {
  [Path in keyof HooksModules]: HooksModules[Path] extends HooksModule ? Path : never;
}[keyof HooksModules];

/**
 * One shim per hooks module. `@pulumi/pulumi` caches the serialized text per provider *object*
 * (a WeakMap in dynamic/index.js); closure serialization costs tens of milliseconds, so a fresh
 * object per resource made registering 1,000 resources take a minute. Sharing the object makes it
 * one serialization per type per program.
 */
const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

/**
 * The serializable shim for the hooks module at `pulumi-certplane/dist/provider/<hooksPath>`, the
 * same object for every call with the same path.
 *
 * @param hooksPath - path below `dist/provider/`, e.g. `csr/certificateRequest`.
 */
export function hooksShim(hooksPath: HooksPath): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(hooksPath);
  if (!shim) {
    shim = newShim(hooksPath);
    shims.set(hooksPath, shim);
  }
  return shim;
}

/** The serialized object: the hooks module's specifier (plain data) and one shared function. */
interface Shim {
  hooksModule: string;
  configure: typeof installHooks;
  [hook: string]: unknown;
}

/**
 * The shim's whole serialized text is this object, so its size is mostly the function below: the
 * serializer wraps every function it meets in ~200 bytes, and seven method wrappers came to 2 KB.
 * One function instead, `configure`, which the dynamic-provider process calls right after it
 * deserializes a provider and before any other method (`getProvider` in
 * `@pulumi/pulumi/cmd/dynamic-provider`, since 3.139, the lowest version the peer range allows). It
 * installs the other hooks on the object, each requiring the hooks module at call time, so a
 * module that fails to load fails every call with its own error, as a method written out would.
 */
function newShim(hooksPath: string): pulumi.dynamic.ResourceProvider {
  const shim: Shim = {
    hooksModule: `${PACKAGE_NAME}/dist/provider/${hooksPath}`,
    configure: installHooks,
  };
  return shim as unknown as pulumi.dynamic.ResourceProvider;
}

// Runs in the dynamic-provider process as serialized text: no comments inside (they would be
// serialized too) and nothing from this module (it is not there).
function installHooks(this: Shim, request: unknown): unknown {
  for (const hook of ["check", "diff", "create", "read", "update", "delete"])
    this[hook] = (...args: unknown[]) => require(this.hooksModule)[hook](...args);
  return require(this.hooksModule).configure(request);
}
