/**
 * The provider configuration in the schema (`config.variables`, `provider.inputProperties`): one
 * key `<configPrefix><Field>` per connection field, so stack config `certplane:pcaToken` is
 * described (and secret) exactly as `connection.token` is. Derived here, never edited by hand.
 */
import { configKey, envName, type VendorPrefix } from "../../provider/core/connection";
import { objectTypes, tsName, type Property, type Schema } from "./schemaTypes";

/** The configuration keys (without `certplane:`) and their properties, in schema order. */
export function providerConfig(schema: Schema): Record<string, Property> {
  const config: Record<string, Property> = {};
  for (const [token, type] of objectTypes(schema)) {
    const prefix = type.language?.certplane?.configPrefix as VendorPrefix | undefined;
    if (prefix === undefined) continue;
    for (const [field, property] of Object.entries(type.properties ?? {})) {
      const key = configKey(prefix, field).slice(`${schema.name}:`.length);
      if (config[key]) throw new Error(`config key ${key} comes from two connection fields`);
      const usedFor =
        `For \`${tsName(token, type)}.${field}\` when a resource's \`connection\` does not set it ` +
        `(environment \`${envName(prefix, field)}\` is read after this).`;
      config[key] = {
        type: property.type,
        ...(property.items ? { items: property.items } : {}),
        description: `${property.description ?? ""} ${usedFor}`.trim(),
        ...(property.secret ? { secret: true } : {}),
      };
    }
  }
  return config;
}

/** The schema with its provider configuration derived from the connection types. */
export function withProviderConfig(schema: Schema): Schema {
  const config = providerConfig(schema);
  return {
    ...schema,
    config: { ...schema.config, variables: config },
    provider: { ...schema.provider, inputProperties: config },
  };
}

/**
 * The schema file's text (2-space JSON and a final newline; prettier formats it after), with its
 * provider configuration derived and its `version` the package's (package.json says it once; the
 * Python and Go SDKs ask the engine for the plugin at this version).
 */
export function schemaFileText(schema: Schema, version: string): string {
  return `${JSON.stringify({ ...withProviderConfig(schema), version }, null, 2)}\n`;
}
