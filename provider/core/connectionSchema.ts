/**
 * A vendor's connection fields, read from its connection type in the package schema: the name, the
 * kind, whether it is secret, whether it is a PEM, and the provider-applied default all come from
 * there, so adding a field to the schema adds it to resolution (arg → config → env → default).
 * What a schema cannot say — a default derived from another field or another vendor, the proxy
 * fields' fallback to `HTTPS_PROXY` — is given here as an override by field name.
 */
import type { ConnectionFieldSpec, FieldFallback } from "./connection";
import { objectTypeSchema, type PropertySchema } from "./packageSchema";
import { proxyFieldSpecs } from "./proxySettings";

/** Overrides of derived specs, by field name (e.g. a fallback computed from earlier fields). */
export type FieldOverrides = Record<string, Partial<Omit<ConnectionFieldSpec, "name" | "kind">>>;

const KIND_OF_TYPE: Record<string, ConnectionFieldSpec["kind"]> = {
  string: "string",
  boolean: "boolean",
  integer: "number",
  number: "number",
};

/**
 * The field specs of connection type `typeToken` (e.g. `certplane:pca:Connection`), in the schema's
 * order. `proxyUrl`/`noProxy` get the proxy specs (`proxyFieldSpecs(inherit)`), the rest are derived
 * from the schema and then `overrides`.
 */
export function connectionFieldSpecs(
  typeToken: string,
  overrides: FieldOverrides = {},
  inheritProxy?: Parameters<typeof proxyFieldSpecs>[0],
): ConnectionFieldSpec[] {
  const proxySpecs = new Map(proxyFieldSpecs(inheritProxy).map((spec) => [spec.name, spec]));
  const { properties } = objectTypeSchema(typeToken);
  return Object.entries(properties).map(([name, property]) => ({
    ...(proxySpecs.get(name) ?? derivedSpec(typeToken, name, property)),
    ...overrides[name],
  }));
}

function derivedSpec(
  typeToken: string,
  name: string,
  property: PropertySchema,
): ConnectionFieldSpec {
  const kind = property.type === undefined ? undefined : KIND_OF_TYPE[property.type];
  if (kind === undefined)
    throw new Error(`${typeToken}.${name}: a connection field must be a string, boolean or number`);
  const spec: ConnectionFieldSpec = { name, kind };
  if (property.secret) spec.secret = true;
  // The naming rule of every PEM field (DESIGN.md): from config or env it may be a file path.
  if (name.endsWith("Pem")) spec.pem = true;
  const fallback = property.language?.certplane?.default;
  if (fallback !== undefined) spec.fallback = fallback as FieldFallback;
  return spec;
}
