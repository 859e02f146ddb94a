/**
 * The provider object every certplane resource hands to `pulumi.dynamic.Resource`.
 *
 * Pulumi serializes this object into state (`__provider`, twice per resource: inputs and outputs)
 * and the dynamic-provider process `require`s that text for every operation. So the object holds
 * one function and nothing else (DESIGN.md, "The serialization rule"): the text stays small, is
 * identical for every resource of a type, survives package upgrades and never holds a client, an
 * agent, configuration or a credential.
 *
 * Why it is shaped so (issue 28; sizes of pca.SignedCertificate's text):
 * - The serializer wraps the `() => provider` closure `dynamic.Resource` hands it in about 225
 *   bytes of its own text and every function it meets in about 170 more: an object with one
 *   function that does nothing comes to 454 bytes (docs/benchmarks.md, "The serialized provider").
 * - So one function, `configure`, which the dynamic-provider process calls right after it
 *   deserializes a provider and before any other method (`getProvider` in
 *   `@pulumi/pulumi/cmd/dynamic-provider`, since 3.139, the lowest version the peer range allows).
 *   It loads the hooks module, puts every hook on the object and configures the module; a module
 *   that fails to load fails that call, and so every operation, with its own error.
 * - The module is named by a literal in the function's text, not by a property the function
 *   reads: a property is a second copy of the name, and a loop that wraps each hook is text the
 *   serializer stores too.
 * - Each type's object is the whole `module.exports` of a module of its own (sdk/hooksShims/,
 *   generated per type). The serializer writes a module it finds under `node_modules` as a
 *   `require` of it: in a user's installed package the text is about 300 bytes, Pulumi's wrapping
 *   around `require("pulumi-certplane/dist/sdk/hooksShims/<hooks>")` (package.json exports that
 *   path, with and without `.js`). In a checkout or a linked package the module is not under
 *   `node_modules`, and the object is stored by value, the function's text: about 630 bytes.
 * What is left in either is Pulumi's wrapping, which no program can change.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { HooksModules } from "./hooksModules";
import { HOOKS_SHIMS } from "./hooksShims";

/** What a hooks module exports: `configure`, and the hooks `configure` puts on the shim. */
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
 * The serializable provider for the hooks module at `pulumi-certplane/dist/provider/<hooksPath>`:
 * the same object for every call with the same path. `@pulumi/pulumi` caches the serialized text
 * per provider *object* (a WeakMap in dynamic/index.js) and serialization costs tens of
 * milliseconds, so one object per type makes it one serialization per type per program (a fresh
 * object per resource made registering 1,000 resources take a minute).
 *
 * @param hooksPath - path below `dist/provider/`, e.g. `csr/certificateRequest`.
 */
export function hooksShim(hooksPath: HooksPath): pulumi.dynamic.ResourceProvider {
  const shim: object | undefined = (HOOKS_SHIMS as Record<string, object>)[hooksPath];
  if (!shim) throw new Error(`no certplane resource has the hooks path ${hooksPath}`);
  return shim as pulumi.dynamic.ResourceProvider;
}
