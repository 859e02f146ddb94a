/**
 * Pulumi's wire format for property values, as the language SDK and the engine exchange them:
 * plain JSON plus objects tagged with a signature key for secrets, resource references and
 * unknowns. The runner keeps values in this format everywhere (state, IPC) so secretness is never
 * lost, and reveals them only at the provider boundary (the dynamic provider does not accept
 * secrets).
 */

/** A JSON value in Pulumi's wire format. */
export type WireValue = null | boolean | number | string | WireValue[] | WireObject;

/** A property map in Pulumi's wire format. */
export interface WireObject {
  [key: string]: WireValue;
}

/** The key whose value says what kind of special object this is. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
/** Signature of a secret: `{[SIGNATURE_KEY]: SECRET_SIGNATURE, value}` (or `ciphertext` at rest). */
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
/** Signature of a resource reference: `{[SIGNATURE_KEY]: RESOURCE_SIGNATURE, urn, id?}`. */
export const RESOURCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";
/**
 * The engine's sentinel for a value not known yet (during preview), whatever the property type.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function isObject(value: WireValue | undefined): value is WireObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `value` is a secret envelope (plaintext or encrypted). */
export function isSecret(value: WireValue | undefined): value is WireObject {
  return isObject(value) && value[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/** Wraps `value` as a secret, unless it already is one. */
export function secret(value: WireValue): WireValue {
  return isSecret(value) ? value : { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** True when `value` holds a secret anywhere inside it. */
export function containsSecret(value: WireValue | undefined): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isObject(value)) return Object.values(value).some(containsSecret);
  return false;
}

/** True when `value` holds the unknown sentinel anywhere inside it. */
export function containsUnknown(value: WireValue | undefined): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Strips every secret envelope and turns resource references into their id (custom resources) or
 * URN (components), which is what the engine sends a provider that accepts neither.
 */
export function reveal(value: WireValue): WireValue {
  if (isSecret(value)) return reveal(value.value ?? null);
  if (Array.isArray(value)) return value.map(reveal);
  if (isObject(value)) {
    if (value[SIGNATURE_KEY] === RESOURCE_SIGNATURE) {
      return (value.id as WireValue | undefined) || (value.urn ?? null);
    }
    const out: WireObject = {};
    for (const [key, inner] of Object.entries(value)) out[key] = reveal(inner);
    return out;
  }
  return value;
}

/** {@link reveal} for a property map. */
export function revealObject(value: WireObject): WireObject {
  return reveal(value) as WireObject;
}

/** The top-level keys of `value` whose values hold a secret. */
export function secretKeysOf(value: WireObject): string[] {
  return Object.keys(value).filter((key) => containsSecret(value[key]));
}

/** A copy of `value` with the top-level properties named in `keys` wrapped as secrets. */
export function withSecretKeys(value: WireObject, keys: Iterable<string>): WireObject {
  const out: WireObject = { ...value };
  for (const key of keys) {
    if (key in out) out[key] = secret(out[key]);
  }
  return out;
}

/** Deep equality of two wire values, insensitive to key order. */
export function sameValue(a: WireValue | undefined, b: WireValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameValue(item, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (!sameValue(a[key], b[key])) return false;
    }
    return true;
  }
  return false;
}

/**
 * Normalizes any JavaScript value into JSON: drops `undefined` properties (protobuf `Struct`
 * rejects them) and anything else JSON cannot carry.
 */
export function toWire(value: unknown): WireValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as WireValue;
}

/** {@link toWire} for a property map; anything that is not an object becomes `{}`. */
export function toWireObject(value: unknown): WireObject {
  const wire = toWire(value ?? {});
  return isObject(wire) ? wire : {};
}

/** Applies `transform` to every secret envelope inside `value` (used to encrypt and decrypt). */
export function mapSecrets(
  value: WireValue,
  transform: (envelope: WireObject) => WireValue,
): WireValue {
  if (isSecret(value)) return transform(value);
  if (Array.isArray(value)) return value.map((item) => mapSecrets(item, transform));
  if (isObject(value)) {
    const out: WireObject = {};
    for (const [key, inner] of Object.entries(value)) out[key] = mapSecrets(inner, transform);
    return out;
  }
  return value;
}

/** Reads the dotted path `path` (e.g. `subject.commonName`) of `value`. */
export function getPath(value: WireObject, path: string[]): WireValue | undefined {
  let current: WireValue | undefined = value;
  for (const segment of path) {
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, WireValue>)[segment];
  }
  return current;
}

/** Writes (or with `undefined`, removes) the dotted path `path` of a copy of `value`. */
export function setPath(
  value: WireObject,
  path: string[],
  replacement: WireValue | undefined,
): WireObject {
  const [head, ...rest] = path;
  const out: WireObject = { ...value };
  if (rest.length === 0) {
    if (replacement === undefined) delete out[head];
    else out[head] = replacement;
    return out;
  }
  const child = out[head];
  out[head] = setPath(isObject(child) ? child : {}, rest, replacement);
  return out;
}
