/**
 * The package schema (schema/schema.json) as the provider reads it: each resource's fields, which
 * of them replace, which are secret, and the defaults the provider applies. The schema is the one
 * place a resource's contract is written; the hooks, the generated sdk classes, the docs tables and
 * the native plugin all read it from there (DESIGN.md, Style: "say a thing once").
 */
import schemaJson from "../../schema/schema.json";

/** One property (a resource input or output, or a field of an object type), as certplane reads it. */
export interface PropertySchema {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  $ref?: string;
  items?: PropertySchema;
  additionalProperties?: PropertySchema;
  description?: string;
  secret?: boolean;
  /** A schema `default`: every SDK applies it, so it must mean the same wherever it is applied. */
  default?: unknown;
  /** A change replaces the resource (create before delete) instead of updating it in place. */
  willReplaceOnChanges?: boolean;
  language?: {
    certplane?: {
      /**
       * A default the provider applies itself (after stack config and environment, for connection
       * fields), kept out of `default` because an SDK applying it would change the meaning.
       */
      default?: unknown;
      /** A default that is a behaviour, in words (for TSDoc and the docs tables). */
      defaultText?: string;
      /**
       * An output the hooks never return: the concatenation of these outputs, in order, made
       * where it is read (issue 28: stored once). The TypeScript class derives it on read, so the
       * dynamic door's state lacks it; the native plugin adds it to what it returns, because
       * Python, Go and YAML programs read the state as it is.
       */
      concatenationOf?: string[];
    };
  };
}

/** An object type (a connection, a subject) or an enum type, as the schema describes it. */
export interface TypeSchema {
  type: string;
  description?: string;
  properties?: Record<string, PropertySchema>;
  required?: string[];
  enum?: { name?: string; value: string | number }[];
  /** tsName: the exported TypeScript name; configPrefix: a connection's config and env prefix. */
  language?: { certplane?: { tsName?: string; configPrefix?: string } };
}

/** An object type: a type with properties. */
export type ObjectTypeSchema = TypeSchema & { properties: Record<string, PropertySchema> };

/** One resource as the schema describes it. */
export interface ResourceSchema {
  description: string;
  inputProperties: Record<string, PropertySchema>;
  requiredInputs: string[];
  properties: Record<string, PropertySchema>;
  required: string[];
  /** dynamicType: the dynamic resource's type name; hooks: its hooks module below provider/. */
  language: { certplane: { dynamicType: string; hooks: string } };
}

/** A Pulumi package schema, as far as certplane reads it. */
export interface PackageSchema {
  name: string;
  version?: string;
  config: { variables: Record<string, PropertySchema> };
  provider: { description?: string; inputProperties: Record<string, PropertySchema> };
  types: Record<string, TypeSchema>;
  resources: Record<string, ResourceSchema>;
  [key: string]: unknown;
}

/** The schema, as written in schema/schema.json. */
export const PACKAGE_SCHEMA = schemaJson as unknown as PackageSchema;

/** The resource of `token` (e.g. `certplane:pca:SignedCertificate`); throws for an unknown one. */
export function resourceSchema(token: string): ResourceSchema {
  const resource = PACKAGE_SCHEMA.resources[token];
  if (!resource) throw new Error(`schema/schema.json has no resource ${token}`);
  return resource;
}

/** The object type of `token` (e.g. `certplane:pca:Connection`); throws for an unknown one. */
export function objectTypeSchema(token: string): ObjectTypeSchema {
  const type = PACKAGE_SCHEMA.types[token];
  if (type?.type !== "object" || type.properties === undefined)
    throw new Error(`schema/schema.json has no object type ${token}`);
  return type as ObjectTypeSchema;
}

/**
 * The type a property refers to (`$ref: "#/types/<token>"`: an object or enum type), or undefined
 * for a plain type or a reference outside the package (`pulumi.json#/Any`).
 */
export function referencedType(property: PropertySchema): TypeSchema | undefined {
  const prefix = "#/types/";
  if (!property.$ref?.startsWith(prefix)) return undefined;
  return PACKAGE_SCHEMA.types[property.$ref.slice(prefix.length)];
}

/** The value the provider uses for a property nobody set, or undefined when there is none. */
export function defaultOf(property: PropertySchema): unknown {
  return property.default ?? property.language?.certplane?.default;
}

/** The default of input `field` of resource `token`; throws when the schema gives none. */
export function inputDefault<T>(token: string, field: string): T {
  const property = resourceSchema(token).inputProperties[field];
  const value = property === undefined ? undefined : defaultOf(property);
  if (value === undefined)
    throw new Error(`schema/schema.json gives ${token}.${field} no default value`);
  return value as T;
}

/**
 * A resource's derived outputs (`language.certplane.concatenationOf`): name → the outputs joined.
 * Throws for a part that is not a stored output of the resource, or a derived output that is not
 * secret when a part is (it would carry the secret's text in the clear).
 */
export function derivedOutputs(resource: ResourceSchema): [string, string[]][] {
  return Object.entries(resource.properties).flatMap(([name, property]) => {
    const parts = property.language?.certplane?.concatenationOf;
    if (parts === undefined) return [];
    for (const part of parts) {
      const partProperty = resource.properties[part];
      if (!partProperty || partProperty.language?.certplane?.concatenationOf) {
        throw new Error(`output ${name} is made from ${part}, which is not a stored output`);
      }
      if (partProperty.secret && !property.secret) {
        throw new Error(`output ${name} is made from the secret ${part}, so it must be secret`);
      }
    }
    return [[name, parts] as [string, string[]]];
  });
}

/** Output names that are secret: what a resource registers as `additionalSecretOutputs`. */
export function secretOutputs(token: string): string[] {
  const { properties } = resourceSchema(token);
  return Object.keys(properties).filter((name) => properties[name].secret === true);
}
