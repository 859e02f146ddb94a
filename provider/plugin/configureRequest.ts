/**
 * The provider's configuration, from the engine's Configure request to the hooks.
 *
 * `@pulumi/pulumi/provider`'s server answers Configure itself and drops the request (it never reaches
 * the provider object; checked in 3.248 and in the sources up to 3.259). So the plugin wraps the
 * server's own `configure` handler (configureHandler.ts) and hands the request's `args` to the
 * hooks as the dynamic-provider host hands over stack config: keys `certplane:<vendor><Field>`,
 * values as strings (JSON for anything else), secrets revealed.
 */
import type { ConfigSource } from "../core/stackConfig";
import { PACKAGE_SCHEMA } from "../core/packageSchema";
import { reveal } from "./secretWire";

/** What the plugin reads of a `pulumirpc.ConfigureRequest`. */
export interface ConfigureArgs {
  getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/** The request's provider inputs as a stack-config source (`certplane:pcaToken` → its value). */
export function configSourceOf(request: ConfigureArgs): ConfigSource {
  const values = new Map<string, string>();
  const args = request.getArgs()?.toJavaScript() ?? {};
  for (const [key, wire] of Object.entries(args)) {
    // The engine adds the plugin version to a provider's inputs; it is no setting.
    if (key === "version") continue;
    const value = reveal(wire);
    if (value === undefined || value === null) continue;
    values.set(
      `${PACKAGE_SCHEMA.name}:${key}`,
      typeof value === "string" ? value : JSON.stringify(value),
    );
  }
  return { get: (key) => values.get(key) };
}
