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
 * A copy of a connection-like object whose `fields` are wrapped as secrets. The object itself may be
 * an Output; then the whole object becomes secret (its parts cannot be told apart before it resolves).
 */
export function withSecretFields<T extends object>(
  obj: pulumi.Input<T> | undefined,
  fields: readonly string[],
): pulumi.Input<T> | undefined {
  if (obj === undefined) return undefined;
  if (pulumi.Output.isInstance(obj) || obj instanceof Promise)
    return pulumi.secret(obj as pulumi.Input<T>) as pulumi.Input<T>;
  const copy: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  for (const field of fields) {
    if (copy[field] !== undefined)
      copy[field] = pulumi.secret(copy[field] as pulumi.Input<unknown>);
  }
  return copy as T;
}
