/**
 * How a resource in a stack export is recognized as one of certplane's, through either front door,
 * derived from schema/schema.json: the plugin registers the schema's token itself
 * (`certplane:pca:SignedCertificate`, in TypeScript, Python, Go and YAML programs); the dynamic door
 * registers `pulumi-nodejs:dynamic/certplane:<dynamicType>` and stores its serialized shim in
 * `__provider`, which names the hooks module (`pulumi-certplane/dist/provider/<hooks>`) or, for an
 * installed package, the shim module (`pulumi-certplane/dist/sdk/hooksShims/<hooks>.js`). A program
 * that passed no module name gets the bare `pulumi-nodejs:dynamic:Resource`; then the shim's text
 * names the type, or, when the program made `__provider` a secret, the outputs do: the resource
 * whose required outputs are all present (plus `schemaVersion`, which every certplane output set has).
 */
import { derivedOutputs, PACKAGE_SCHEMA } from "../provider/core/packageSchema";
import type { FrontDoor } from "./model";

/** The dynamic door's type prefix (`pulumi-nodejs:dynamic/certplane:` + the schema's dynamicType). */
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";
const DYNAMIC_BARE = "pulumi-nodejs:dynamic:Resource";
/**
 * The package paths a serialized shim names its type by (sdk/shim.ts): the hooks module it
 * requires (`<package>/dist/provider/<hooks>`) when stored by value, or the shim module itself
 * (`<package>/dist/sdk/hooksShims/<hooks>.js`) when the serializer referred to an installed one.
 */
const HOOKS_MARKERS = ["/dist/provider/", "/dist/sdk/hooksShims/"];

/** What a type token or an output set was recognized as. */
export interface RecognizedType {
  /** The schema token. */
  token: string;
  door: FrontDoor;
}

const RESOURCES = Object.entries(PACKAGE_SCHEMA.resources);

/** `<package>:<dynamicType>` (as the dynamic door's token ends) → schema token. */
const BY_DYNAMIC_TYPE = new Map(
  RESOURCES.map(([token, resource]) => [
    `${PACKAGE_SCHEMA.name}:${resource.language.certplane.dynamicType}`,
    token,
  ]),
);

/** The hooks module path below `provider/` → schema token. */
const BY_HOOKS = new Map(
  RESOURCES.map(([token, resource]) => [resource.language.certplane.hooks, token]),
);

/**
 * Each resource's required outputs that state holds (not those the class derives on read, which
 * the dynamic door never stores), most first (so a superset is tried before its subset).
 */
const BY_REQUIRED_OUTPUTS = RESOURCES.map(([token, resource]) => {
  const derived = new Set(derivedOutputs(resource).map(([name]) => name));
  return { token, required: resource.required.filter((name) => !derived.has(name)) };
}).sort((a, b) => b.required.length - a.required.length);

/**
 * The certplane type of an exported resource, or undefined when it is not one of certplane's.
 * @param type - the resource's type token
 * @param outputs - its outputs (only `__provider` and the output names are read)
 */
export function recognizeType(
  type: string,
  outputs: Record<string, unknown>,
): RecognizedType | undefined {
  if (type in PACKAGE_SCHEMA.resources) return { token: type, door: "plugin" };
  if (type.startsWith(DYNAMIC_PREFIX)) {
    const named = BY_DYNAMIC_TYPE.get(type.slice(DYNAMIC_PREFIX.length));
    return named === undefined ? undefined : { token: named, door: "dynamic" };
  }
  if (type !== DYNAMIC_BARE) return undefined;
  const byShim = tokenOfShim(outputs.__provider);
  if (byShim) return { token: byShim, door: "dynamic" };
  if (typeof outputs.__provider === "string" || !("schemaVersion" in outputs)) return undefined;
  const byOutputs = BY_REQUIRED_OUTPUTS.find(({ required }) =>
    required.every((name) => name in outputs),
  );
  return byOutputs && { token: byOutputs.token, door: "dynamic" };
}

/** The schema token whose hooks module a serialized shim requires, if it names one. */
function tokenOfShim(provider: unknown): string | undefined {
  if (typeof provider !== "string") return undefined;
  // The package's own name is not matched: a fork published under another name is still read.
  for (const marker of HOOKS_MARKERS) {
    let from = provider.indexOf(marker);
    // Bounded: each turn moves past one occurrence of the marker in the text.
    while (from >= 0) {
      const rest = provider.slice(from + marker.length);
      const hooks = /^[A-Za-z0-9_/]+/.exec(rest)?.[0];
      const token = hooks && BY_HOOKS.get(hooks);
      if (token) return token;
      from = provider.indexOf(marker, from + marker.length);
    }
  }
  return undefined;
}
