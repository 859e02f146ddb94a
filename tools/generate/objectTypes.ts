/**
 * Object types (connections, the CSR subject, AppViewX revocation) as exported TypeScript
 * interfaces, and for each type with secret fields the list the sdk wraps with `pulumi.secret`.
 */
import { isConnection } from "./layout";
import { docComment, propertyDocText } from "./tsdoc";
import { inputType } from "./tsTypes";
import { tsName, type Schema, type TypeSpec } from "./schemaTypes";

/** The interface of object type `token`, with its TSDoc. */
export function objectTypeInterface(schema: Schema, token: string): string {
  const type = schema.types[token];
  const required = new Set(type.required ?? []);
  const members = Object.entries(type.properties ?? {}).map(
    ([name, property]) =>
      docComment(propertyDocText(property, true), "  ") +
      `  ${name}${required.has(name) ? "" : "?"}: ${inputType(schema, property)};\n`,
  );
  return (
    docComment(type.description ?? tsName(token, type), "") +
    `export interface ${tsName(token, type)} {\n${members.join("")}}\n`
  );
}

/** The names of an object type's secret fields, in schema order. */
export function secretFields(type: TypeSpec): string[] {
  return Object.entries(type.properties ?? {})
    .filter(([, property]) => property.secret === true)
    .map(([name]) => name);
}

/**
 * Whether an input of this type is passed through `withSecretFields`: a connection always (its
 * `proxyUrl` may hold credentials), any other type when it has secret fields.
 */
export function isWrapped(type: TypeSpec): boolean {
  return isConnection(type) || secretFields(type).length > 0;
}

/** The constant naming a type's secret fields: `PCA_SECRET_FIELDS`, `SUBJECT_ARGS_SECRET_FIELDS`. */
export function secretFieldsConstName(token: string, type: TypeSpec): string {
  const base = type.language?.certplane?.configPrefix ?? tsName(token, type);
  return `${base.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_SECRET_FIELDS`;
}

/** The exported constant listing a wrapped type's secret fields. */
export function secretFieldsConst(token: string, type: TypeSpec): string {
  const fields = secretFields(type).map((field) => JSON.stringify(field));
  return (
    docComment(
      `Fields of {@link ${tsName(token, type)}} wrapped with \`pulumi.secret\` before they reach the engine.`,
      "",
    ) + `export const ${secretFieldsConstName(token, type)} = [${fields.join(", ")}] as const;\n`
  );
}

/** An object type's interface, followed by its secret-field list when inputs of it are wrapped. */
export function objectTypeDeclarations(schema: Schema, token: string): string {
  const type = schema.types[token];
  const parts = [objectTypeInterface(schema, token)];
  if (isWrapped(type)) parts.push(secretFieldsConst(token, type));
  return parts.join("\n");
}
