/**
 * The provider object every certplane resource hands to `pulumi.dynamic.Resource`.
 *
 * Pulumi serializes this object into state (`__provider`) and the dynamic-provider process `require`s
 * that text for every operation. So the object captures nothing but one string, the package specifier
 * of the hooks module, and loads the hooks at call time (DESIGN.md, "The serialization rule"): the text
 * stays small, is identical for every resource of a type, survives package upgrades and never holds a
 * client, an agent, configuration or a credential.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The npm name the shims require the hooks by; it must match package.json's `name`. */
export const PACKAGE_NAME = "pulumi-certplane";

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
export function hooksShim(hooksPath: string): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(hooksPath);
  if (!shim) {
    shim = newShim(hooksPath);
    shims.set(hooksPath, shim);
  }
  return shim;
}

function newShim(hooksPath: string): pulumi.dynamic.ResourceProvider {
  const s = `${PACKAGE_NAME}/dist/provider/${hooksPath}`;
  // One loader shared by every method keeps the specifier once in the serialized text; rest
  // parameters keep each wrapper as short as the serializer allows.
  const h = () => require(s);
  return {
    configure: (...a) => h().configure(...a),
    check: (...a) => h().check(...a),
    diff: (...a) => h().diff(...a),
    create: (...a) => h().create(...a),
    read: (...a) => h().read(...a),
    update: (...a) => h().update(...a),
    delete: (...a) => h().delete(...a),
  };
}
