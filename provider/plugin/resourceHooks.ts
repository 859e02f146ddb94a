/**
 * Which hooks module serves a native type token: the one the schema names for it
 * (`language.certplane.hooks`, e.g. `pca/signedCertificate`), the very module the dynamic resource's
 * shim requires. Each module is loaded on first use and handed the provider's configuration first,
 * as the dynamic-provider host calls `configure` on a provider before any other hook.
 */
import { resourceSchema } from "../core/packageSchema";
import type { ConfigSource } from "../core/stackConfig";

/** The hooks every certplane resource module exports (plain values in, plain values out). */
export interface ResourceHooks {
  configure(request: { config?: ConfigSource }): Promise<void>;
  check(olds: object, news: object): Promise<{ inputs?: object; failures?: unknown[] }>;
  diff(id: string, olds: object, news: object): Promise<object>;
  create(news: object): Promise<{ id: string; outs?: object }>;
  /** `inputs`: the resource's stored inputs, where the engine sends them (the plugin door). */
  read(
    id: string,
    props: object,
    inputs?: object,
  ): Promise<{ id?: string; props?: object; inputs?: object }>;
  update(id: string, olds: object, news: object): Promise<{ outs?: object }>;
  delete(id: string, props: object): Promise<void>;
}

const loaded = new Map<string, ResourceHooks>();
let config: ConfigSource | undefined;

/** The type token of a URN (`urn:pulumi:<stack>::<project>::<parent$>type::<name>`). */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
}

/** The hooks of `token`, configured; throws, naming the type, for a token the schema lacks. */
export async function hooksFor(token: string): Promise<ResourceHooks> {
  let hooks = loaded.get(token);
  if (!hooks) {
    const { hooks: hooksPath } = resourceSchema(token).language.certplane;
    // A literal pattern (with `.js`), so a bundler can see every module it may load.
    hooks = require(`../${hooksPath}.js`) as ResourceHooks;
    await hooks.configure({ config });
    loaded.set(token, hooks);
  }
  return hooks;
}

/** Takes the provider's configuration; hooks already loaded are configured again with it. */
export async function configureHooks(source: ConfigSource): Promise<void> {
  config = source;
  for (const hooks of loaded.values()) await hooks.configure({ config });
}
