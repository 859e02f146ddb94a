/**
 * Secrets as they travel to and from a provider that answers Configure with `acceptSecrets=true`
 * (as `@pulumi/pulumi/provider`'s server does): a secret is an object holding the signature key
 * {@link SIGNATURE_KEY} = {@link SECRET_SIGNATURE} and its `value`. The hooks take and give plain
 * values, so the plugin reveals what comes in and marks what goes out; and because the engine
 * trusts such a provider to mark its own secrets (it copies no secretness from inputs to outputs
 * for it, pkg/resource/plugin/provider_plugin.go), marking is the plugin's job.
 */

/** The key under which Pulumi's wire format names a special value's kind. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret. */
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** A value as the wire carries it (plain JSON, possibly with secret envelopes inside). */
export type Wire = unknown;

/** Whether `value` is a secret envelope. */
export function isSecret(value: Wire): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SIGNATURE_KEY] === SECRET_SIGNATURE
  );
}

/** `value` in a secret envelope (once: an envelope is not wrapped again). */
export function asSecret(value: Wire): Wire {
  return isSecret(value) ? value : { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** A deep copy of `value` with every secret envelope replaced by what it holds. */
export function reveal(value: Wire): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = reveal(inner);
    return out;
  }
  return value;
}

/** Whether `value` holds a secret envelope at any depth. */
export function containsSecret(value: Wire): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isPlainObject(value)) return Object.values(value).some(containsSecret);
  return false;
}

/**
 * Marks in `outs` what was secret in `ins` under the same key, as the engine does for a provider
 * that cannot take secrets (`annotateSecrets`): two objects are compared key by key; any other
 * value holding a secret makes the same-named output wholly secret. Mutates and returns `outs`.
 */
export function carrySecrets(
  outs: Record<string, unknown>,
  ins: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in outs)) continue;
    const outValue = outs[key];
    if (isPlainObject(outValue) && isPlainObject(inValue) && !isSecret(inValue)) {
      carrySecrets(outValue, inValue);
    } else if (containsSecret(inValue)) {
      outs[key] = asSecret(outValue);
    }
  }
  return outs;
}

/** A JSON object that is not a secret envelope. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value);
}
