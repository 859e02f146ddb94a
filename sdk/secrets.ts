/**
 * Marks credential inputs secret before they reach the engine, so state never holds them in plain
 * text and the engine keeps the same-named outputs secret too.
 */
import * as pulumi from "@pulumi/pulumi";

/** `value` as a secret Input, or undefined when not given. */
export function secretInput<T>(value: pulumi.Input<T> | undefined): pulumi.Input<T> | undefined {
  return value === undefined ? undefined : (pulumi.secret(value) as pulumi.Input<T>);
}

/**
 * A proxy URL holding `user:password@` as a secret, one without credentials as it is. An Output or
 * Promise is decided once it resolves (a secret Output stays secret).
 */
export function secretProxyUrl(
  value: pulumi.Input<string> | undefined,
): pulumi.Input<string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return hasCredentials(value) ? pulumi.secret(value) : value;
  return pulumi
    .output(value)
    .apply((url) => (hasCredentials(url) ? pulumi.secret(url) : pulumi.output(url)));
}

/** Whether a URL (scheme optional, as in `HTTPS_PROXY`) has a userinfo part before its host. */
function hasCredentials(url: string): boolean {
  const authority = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split(/[/?#]/)[0];
  return authority.includes("@");
}

/**
 * A copy of a connection-like object whose `fields` are wrapped as secrets, and whose `proxyUrl`
 * (every connection has one) is secret when it holds credentials. The object itself may be an
 * Output; then the whole object becomes secret (its parts cannot be told apart before it resolves).
 */
export function withSecretFields<T extends object>(
  obj: pulumi.Input<T> | undefined,
  fields: readonly string[],
): pulumi.Input<T> | undefined {
  if (obj === undefined) return undefined;
  if (pulumi.Output.isInstance(obj) || obj instanceof Promise)
    return pulumi.secret(obj as pulumi.Input<T>) as pulumi.Input<T>;
  // Not an object (e.g. a URL given as the whole connection): passed as is, so check rejects it
  // instead of receiving an object of its characters.
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return obj;
  const copy: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  for (const field of fields) {
    if (copy[field] !== undefined)
      copy[field] = pulumi.secret(copy[field] as pulumi.Input<unknown>);
  }
  if (copy.proxyUrl !== undefined)
    copy.proxyUrl = secretProxyUrl(copy.proxyUrl as pulumi.Input<string>);
  return copy as T;
}
