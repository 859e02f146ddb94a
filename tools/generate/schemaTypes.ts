/**
 * The parts of a Pulumi package schema (schema/schema.json) the generator reads, including the
 * `language.certplane` keys certplane adds: a resource's dynamic type and hooks module, an object
 * type's TypeScript name and config prefix, a property's provider-applied default or default text.
 */

import type {
  PackageSchema,
  PropertySchema,
  ResourceSchema,
  TypeSchema,
} from "../../provider/core/packageSchema";

// The schema's shape is described once, where the provider reads it; the generator's names for it:
export type Property = PropertySchema;
export type TypeSpec = TypeSchema;
export type Resource = ResourceSchema;
export type Schema = PackageSchema;

/** The type token a `$ref` points at: `#/types/certplane:pca:Connection` → `certplane:pca:Connection`. */
export function refToken(ref: string): string {
  const prefix = "#/types/";
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(prefix.length);
}

/** The type a property refers to, or undefined for a plain type or `pulumi.json#/Any`. */
export function referencedType(schema: Schema, property: Property): TypeSpec | undefined {
  if (!property.$ref || property.$ref.startsWith("pulumi.json#")) return undefined;
  const token = refToken(property.$ref);
  const type = schema.types[token];
  if (!type) throw new Error(`$ref to unknown type ${token}`);
  return type;
}

/** An object type's token's module: `certplane:pca:Connection` → `pca`. */
export function tokenModule(token: string): string {
  return token.split(":")[1];
}

/** The exported TypeScript name of an object type; throws when the schema gives none. */
export function tsName(token: string, type: TypeSpec): string {
  const name = type.language?.certplane?.tsName;
  if (!name) throw new Error(`schema type ${token} has no language.certplane.tsName`);
  return name;
}

/** The object types (not enums) of the schema, by token. */
export function objectTypes(schema: Schema): [string, TypeSpec][] {
  return Object.entries(schema.types).filter(([, type]) => type.type === "object");
}

export { defaultOf as literalDefault } from "../../provider/core/packageSchema";
