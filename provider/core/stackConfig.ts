/**
 * Stack configuration as the dynamic-provider host hands it over.
 *
 * Pulumi calls `configure({config})` once per deserialized provider, before any other hook, with the
 * whole stack configuration (keys namespaced, e.g. `certplane:pcaToken`). Every certplane resource type
 * shares this process-wide store, so whichever type is configured first makes the values available to
 * all of them.
 */

/** The part of Pulumi's dynamic `ConfigureRequest.config` certplane uses. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let source: ConfigSource | undefined;

/** The `configure` hook every certplane hooks module exports. */
export async function configure(req: { config?: ConfigSource }): Promise<void> {
  if (req && req.config && typeof req.config.get === "function") source = req.config;
}

/** A stack config value by its full key (`certplane:<vendor><Field>`), or undefined. */
export function stackConfigValue(key: string): string | undefined {
  const value = source?.get(key);
  return value === undefined || value === null || value === "" ? undefined : String(value);
}

/** Replaces the config source (tests); pass undefined to clear. */
export function setStackConfig(next: ConfigSource | Record<string, string> | undefined): void {
  if (next === undefined) source = undefined;
  else if (typeof (next as ConfigSource).get === "function") source = next as ConfigSource;
  else {
    const map = next as Record<string, string>;
    source = { get: (key) => map[key] };
  }
}
