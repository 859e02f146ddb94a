/**
 * The schema's `secret: true` fields, marked wherever they appear in a resource's inputs or
 * outputs: top-level properties (`privateKeyPem`, `token`) and fields of object types they refer to
 * (a connection's `token`, `password`, `clientPrivateKeyPem`), and a connection's `proxyUrl` when it
 * holds `user:password@` (the schema says so in words: it cannot say it as a flag). A program in any
 * language, or one registering a raw `CustomResource`, gets these stored as secrets even if it did
 * not ask, as the TypeScript SDK marks them (sdk/secrets.ts) for the dynamic door.
 */
import { referencedType, type PropertySchema } from "../core/packageSchema";
import { asSecret, isPlainObject } from "./secretWire";

/** Marks in `values` (mutated and returned) every field `properties` declares secret. */
export function markSchemaSecrets(
  values: Record<string, unknown>,
  properties: Record<string, PropertySchema>,
): Record<string, unknown> {
  for (const [key, property] of Object.entries(properties)) {
    if (values[key] === undefined || values[key] === null) continue;
    values[key] = markValue(values[key], property);
  }
  return values;
}

function markValue(value: unknown, property: PropertySchema): unknown {
  if (property.secret === true) return asSecret(value);
  if (property.items && Array.isArray(value)) {
    const items = property.items;
    return value.map((item) => markValue(item, items));
  }
  // An enum type has no properties; a value that is not an object is check's to reject.
  const properties = referencedType(property)?.properties;
  if (properties && isPlainObject(value)) {
    markSchemaSecrets(value, properties);
    if ("proxyUrl" in properties && hasCredentials(value.proxyUrl))
      value.proxyUrl = asSecret(value.proxyUrl);
  }
  return value;
}

/** Whether a proxy URL (scheme optional, as in `HTTPS_PROXY`) has a userinfo part. */
function hasCredentials(url: unknown): boolean {
  if (typeof url !== "string") return false;
  const authority = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split(/[/?#]/)[0];
  return authority.includes("@");
}
