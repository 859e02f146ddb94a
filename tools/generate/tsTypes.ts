/**
 * Schema types as TypeScript types: an input is spelled as a program may give it (`pulumi.Input`
 * at every level), an output as the engine resolves it. Enums become literal unions, object types
 * their exported interface, `pulumi.json#/Any` `unknown`.
 */
import { referencedType, refToken, tsName, type Property, type Schema } from "./schemaTypes";

/** The TypeScript type of a resolved value of `property` (outputs, and the element of inputs). */
export function valueType(schema: Schema, property: Property): string {
  return spell(schema, property, false);
}

/** The TypeScript type of a program-given value of `property`, without the outer `pulumi.Input`. */
function inputValueType(schema: Schema, property: Property): string {
  return spell(schema, property, true);
}

/** `pulumi.Input<…>` of `property`: what an Args member or an object type field accepts. */
export function inputType(schema: Schema, property: Property): string {
  return `pulumi.Input<${inputValueType(schema, property)}>`;
}

function spell(schema: Schema, property: Property, asInput: boolean): string {
  if (property.$ref === "pulumi.json#/Any") return "unknown";
  const referenced = referencedType(schema, property);
  if (referenced) {
    if (referenced.enum) return referenced.enum.map((e) => JSON.stringify(e.value)).join(" | ");
    return tsName(refToken(property.$ref as string), referenced);
  }
  switch (property.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array": {
      if (!property.items) throw new Error("array property without items");
      const element = spell(schema, property.items, asInput);
      return asInput ? `pulumi.Input<${element}>[]` : `${parenthesized(element)}[]`;
    }
    case "object": {
      const value = property.additionalProperties
        ? spell(schema, property.additionalProperties, asInput)
        : "unknown";
      return `Record<string, ${asInput ? `pulumi.Input<${value}>` : value}>`;
    }
    default:
      throw new Error(`unsupported property type ${JSON.stringify(property)}`);
  }
}

/** A union element type in an array needs parentheses: `("a" | "b")[]`. */
function parenthesized(type: string): string {
  return type.includes(" | ") ? `(${type})` : type;
}

/** The type as the docs tables print it: TypeScript's spelling without `pulumi.Input`. */
export function docsType(schema: Schema, property: Property): string {
  return valueType(schema, property);
}
