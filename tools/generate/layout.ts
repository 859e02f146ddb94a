/**
 * Where each generated thing lives: a resource's class in sdk/<hooks>.ts (the path its hooks module
 * has below provider/), a vendor's connection type in sdk/<module>/connection.ts, any other object
 * type (and a connection-like type of the `index` module, such as the PKCS#11 token settings) in
 * the file of the first resource that takes it, and each resource's page in docs/<hooks>.md.
 */
import * as path from "node:path";
import { objectTypes, refToken, tokenModule, type Schema, type TypeSpec } from "./schemaTypes";

/** The class name of a resource token: `certplane:pca:SignedCertificate` → `SignedCertificate`. */
export function className(resourceToken: string): string {
  return resourceToken.split(":")[2];
}

/** The repository path of a resource's sdk class. */
export function resourceFile(schema: Schema, resourceToken: string): string {
  return `sdk/${schema.resources[resourceToken].language.certplane.hooks}.ts`;
}

/** The repository path of a resource's docs page. */
export function docsFile(schema: Schema, resourceToken: string): string {
  return `docs/${schema.resources[resourceToken].language.certplane.hooks}.md`;
}

/** Whether an object type is a vendor connection (it has a config prefix). */
export function isConnection(type: TypeSpec): boolean {
  return type.language?.certplane?.configPrefix !== undefined;
}

/** The repository path an object type's interface is written to. */
export function objectTypeFile(schema: Schema, typeToken: string): string {
  const type = schema.types[typeToken];
  if (isConnection(type) && tokenModule(typeToken) !== "index")
    return `sdk/${tokenModule(typeToken)}/connection.ts`;
  for (const [resourceToken, resource] of Object.entries(schema.resources)) {
    for (const input of Object.values(resource.inputProperties)) {
      if (
        input.$ref &&
        !input.$ref.startsWith("pulumi.json#") &&
        refToken(input.$ref) === typeToken
      )
        return resourceFile(schema, resourceToken);
    }
  }
  throw new Error(`schema type ${typeToken} is used by no resource input`);
}

/** The connection files and the object types each holds, in schema order. */
export function connectionFiles(schema: Schema): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const [token, type] of objectTypes(schema)) {
    if (!isConnection(type) || tokenModule(token) === "index") continue;
    const file = objectTypeFile(schema, token);
    files.set(file, [...(files.get(file) ?? []), token]);
  }
  return files;
}

/** The module specifier that imports repository file `to` from repository file `from`. */
export function importPath(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to).replace(/\.ts$/, "");
  return relative.startsWith(".") ? relative : `./${relative}`;
}
