/**
 * Which certplane resource a resource is, through either front door, from what the engine keeps of
 * it: its type token and, for a dynamic resource, its serialized provider (`__provider`). Read from
 * schema.json beside it. The one recognizer `certplane report` (stack exports) and the policy pack
 * (a preview's resources) share: neither room may import the other, so it lives with the schema,
 * and imports nothing else.
 *
 * - The plugin registers the schema's token itself (`certplane:pca:SignedCertificate`: Python, Go,
 *   YAML and TypeScript programs through the plugin).
 * - The dynamic door registers `pulumi-nodejs:dynamic/certplane:<dynamicType>`.
 * - A program that passed no module name gets the generic `pulumi-nodejs:dynamic:Resource`; then the
 *   serialized provider names the type: stored by value it requires the hooks module
 *   (`<package>/dist/provider/<hooks>`); from an installed package the serializer stores a require
 *   of the shim module itself (`<package>/dist/sdk/hooksShims/<hooks>` or `….js`: sdk/shim.ts).
 *   The package's own name is not matched, so a fork published under another name is still known.
 */
import schemaJson from "./schema.json";

/** The door a recognized resource came through. */
export type CertplaneDoor = "plugin" | "dynamic";

/** What a resource was recognized as. */
export interface RecognizedResource {
  /** The schema token, e.g. `certplane:pca:SignedCertificate`. */
  token: string;
  door: CertplaneDoor;
}

interface SchemaResources {
  name: string;
  resources: Record<string, { language: { certplane: { dynamicType: string; hooks: string } } }>;
}

const SCHEMA = schemaJson as unknown as SchemaResources;
const RESOURCES = Object.entries(SCHEMA.resources);

/** The dynamic door's type prefix: `pulumi-nodejs:dynamic/` + `<module>:<type>`. */
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";

/** The token of a dynamic resource registered without a module and type name. */
export const GENERIC_DYNAMIC_TOKEN = "pulumi-nodejs:dynamic:Resource";

/** Where a serialized provider names its hooks module: the text right after one of these. */
const HOOKS_MARKERS = ["/dist/provider/", "/dist/sdk/hooksShims/"];

/** The dynamic door's token of a schema token (`module` `certplane`, DESIGN.md). */
export function dynamicTokenOf(token: string): string {
  const resource = SCHEMA.resources[token];
  if (!resource) throw new Error(`schema/schema.json has no resource ${token}`);
  return `${DYNAMIC_PREFIX}${SCHEMA.name}:${resource.language.certplane.dynamicType}`;
}

const BY_DYNAMIC_TOKEN = new Map(RESOURCES.map(([token]) => [dynamicTokenOf(token), token]));
const BY_HOOKS = new Map(
  RESOURCES.map(([token, resource]) => [resource.language.certplane.hooks, token]),
);

/**
 * The certplane resource a type token (and, for the generic dynamic token, a serialized provider)
 * names, or undefined for any other resource.
 * @param type - the resource's type token.
 * @param serializedProvider - its `__provider` (dynamic resources), when known and not a secret.
 */
export function recognizeResource(
  type: string,
  serializedProvider?: unknown,
): RecognizedResource | undefined {
  if (type in SCHEMA.resources) return { token: type, door: "plugin" };
  const named = BY_DYNAMIC_TOKEN.get(type);
  if (named) return { token: named, door: "dynamic" };
  if (type !== GENERIC_DYNAMIC_TOKEN) return undefined;
  const byShim = tokenOfSerializedProvider(serializedProvider);
  return byShim === undefined ? undefined : { token: byShim, door: "dynamic" };
}

/** The schema token whose hooks module a serialized provider loads, if it names one. */
function tokenOfSerializedProvider(provider: unknown): string | undefined {
  if (typeof provider !== "string") return undefined;
  for (const marker of HOOKS_MARKERS) {
    let from = provider.indexOf(marker);
    // Bounded: each turn moves past one occurrence of the marker in the text.
    while (from >= 0) {
      const hooks = /^[A-Za-z0-9_/]+/.exec(provider.slice(from + marker.length))?.[0];
      const token = hooks && BY_HOOKS.get(hooks);
      if (token) return token;
      from = provider.indexOf(marker, from + marker.length);
    }
  }
  return undefined;
}
