/**
 * The certplane resource types as the rules read them, from schema/schema.json: each type's inputs,
 * defaults, enums and connection fields, and which type a resource the engine shows a policy is,
 * through either front door (the recognizer the report shares: schema/recognizeResource.ts).
 */
import { recognizeResource } from "../../schema/recognizeResource";
import schemaJson from "../../schema/schema.json";

/** One property of a resource input or an object type, as far as the rules read it. */
export interface PropertySchema {
  type?: string;
  $ref?: string;
  secret?: boolean;
  default?: unknown;
  language?: { certplane?: { default?: unknown } };
}

interface TypeSchema {
  properties?: Record<string, PropertySchema>;
  enum?: { value: string | number }[];
  language?: { certplane?: { configPrefix?: string } };
}

interface ResourceSchema {
  inputProperties: Record<string, PropertySchema>;
  language: { certplane: { dynamicType: string; hooks: string } };
}

interface PackageSchema {
  name: string;
  types: Record<string, TypeSchema>;
  resources: Record<string, ResourceSchema>;
  config: { variables: Record<string, PropertySchema> };
}

const SCHEMA = schemaJson as unknown as PackageSchema;

/** A certplane resource type, as the schema describes it. */
export interface CertplaneType {
  /** The schema token, e.g. `certplane:pca:SignedCertificate`. */
  token: string;
  /** The name users write in TypeScript, e.g. `pca.SignedCertificate` (`CertificateRequest` at top level). */
  displayName: string;
  /** The dynamic door's type name, e.g. `PcaSignedCertificate`. */
  dynamicType: string;
  /** The hooks module below `dist/provider/`, e.g. `pca/signedCertificate`. */
  hooks: string;
  /** The resource's inputs. */
  inputs: Record<string, PropertySchema>;
  /** The vendor connection, when the resource takes one: its fields and config prefix (`pca`). */
  connection?: { prefix: string; fields: Record<string, PropertySchema> };
}

/** The token of the type a `$ref` names (`#/types/certplane:pca:Connection` → `certplane:pca:Connection`). */
export function refToken(ref: string): string {
  return ref.replace(/^#\/types\//, "");
}

/** The object or enum type of a schema token; throws when the schema lacks it. */
export function schemaType(token: string): TypeSchema {
  const type = SCHEMA.types[token];
  if (!type) throw new Error(`schema/schema.json has no type ${token}`);
  return type;
}

function displayNameOf(token: string): string {
  const [, module, name] = token.split(":");
  return module === "index" ? name : `${module}.${name}`;
}

function connectionOf(inputs: Record<string, PropertySchema>): CertplaneType["connection"] {
  const ref = inputs.connection?.$ref;
  if (!ref) return undefined;
  const type = schemaType(refToken(ref));
  const prefix = type.language?.certplane?.configPrefix;
  if (!prefix || !type.properties) throw new Error(`${ref} has no configPrefix or properties`);
  return { prefix, fields: type.properties };
}

/** Every certplane resource type, in the schema's order. */
export const CERTPLANE_TYPES: readonly CertplaneType[] = Object.entries(SCHEMA.resources).map(
  ([token, resource]) => ({
    token,
    displayName: displayNameOf(token),
    dynamicType: resource.language.certplane.dynamicType,
    hooks: resource.language.certplane.hooks,
    inputs: resource.inputProperties,
    connection: connectionOf(resource.inputProperties),
  }),
);

/** The certplane type of `token`; throws for a token the schema lacks (a typo in a rule). */
export function certplaneType(token: string): CertplaneType {
  const found = CERTPLANE_TYPES.find((type) => type.token === token);
  if (!found) throw new Error(`schema/schema.json has no resource ${token}`);
  return found;
}

/**
 * The certplane type of a resource the engine shows a policy, or undefined for any other resource
 * (schema/recognizeResource.ts: by its token, or a generic dynamic resource by the module its
 * serialized provider loads).
 *
 * @param token - the resource's type token.
 * @param serializedProvider - its `__provider` input (dynamic resources only), when known.
 */
export function certplaneTypeOf(
  token: string,
  serializedProvider?: unknown,
): CertplaneType | undefined {
  const recognized = recognizeResource(token, serializedProvider);
  return recognized && certplaneType(recognized.token);
}

/** The values of an enum type (e.g. `certplane:index:EcdsaCurve` → `["P256", "P384", "P521"]`). */
export function enumValues(token: string): (string | number)[] {
  const values = schemaType(token).enum?.map((member) => member.value);
  if (!values) throw new Error(`schema/schema.json type ${token} is not an enum`);
  return values;
}

/** The enum values of a resource input whose type is an enum. */
export function inputEnumValues(type: CertplaneType, input: string): (string | number)[] {
  const ref = type.inputs[input]?.$ref;
  if (!ref) throw new Error(`${type.token}.${input} is not an enum input`);
  return enumValues(refToken(ref));
}

/** The default the provider applies to an input left out (schema `default` or certplane's own). */
export function inputDefault(type: CertplaneType, input: string): unknown {
  const property = type.inputs[input];
  if (!property) throw new Error(`schema/schema.json has no input ${type.token}.${input}`);
  return property.default ?? property.language?.certplane?.default;
}

/** The provider configuration key of a connection field (`pca` + `caCertPem` → `pcaCaCertPem`). */
export function configKey(prefix: string, field: string): string {
  const key = `${prefix}${field[0].toUpperCase()}${field.slice(1)}`;
  if (!SCHEMA.config.variables[key]) throw new Error(`schema/schema.json has no config ${key}`);
  return key;
}
