/**
 * A secret as the lifecycle runner hands it to a test (a secret output, a secret input, a secret
 * stack output). A run's result and a {@link LifecycleError} are printed by whoever holds them — an
 * uncaught error, `console.error(err)` in a catch block, an assertion message, mocha's failure
 * report, `JSON.stringify` into a CI artifact — so a secret travels wrapped: every way of printing
 * it shows `[secret]`, like Pulumi without `--show-secrets`. {@link Secret.reveal} (or
 * {@link revealSecrets} for a whole value) is the one way to the plain value.
 */
import { inspect } from "node:util";
import { isSecret, reveal, RESOURCE_SIGNATURE, SIGNATURE_KEY, type WireValue } from "./wire";

/** What a {@link Secret} shows wherever it is printed. */
export const SECRET_PLACEHOLDER = "[secret]";

/** A secret value: printed, logged, stringified or serialized, it shows `[secret]`. */
export class Secret<T = unknown> {
  // A private field: no enumeration, spread, util.inspect or serializer reaches it.
  readonly #value: T;

  /** @param value - the plain value */
  constructor(value: T) {
    this.#value = value;
  }

  /** The plain value. Print it only where a secret may be seen. */
  reveal(): T {
    return this.#value;
  }

  /** `[secret]`, for `String(secret)` and string concatenation. */
  toString(): string {
    return SECRET_PLACEHOLDER;
  }

  /** `[secret]`, for `JSON.stringify`. */
  toJSON(): string {
    return SECRET_PLACEHOLDER;
  }

  /** `[secret]`, for template literals and every other conversion to a primitive. */
  [Symbol.toPrimitive](): string {
    return SECRET_PLACEHOLDER;
  }

  /** `[secret]`, for `util.inspect`, `console.log`/`console.error` and assertion messages. */
  [inspect.custom](): string {
    return SECRET_PLACEHOLDER;
  }
}

/**
 * A copy of `value` with every {@link Secret} inside it (in arrays and plain objects, at any depth)
 * replaced by its plain value: e.g. `revealSecrets(result.outputs)` for a deep comparison.
 */
export function revealSecrets(value: unknown): unknown {
  if (value instanceof Secret) return revealSecrets(value.reveal());
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, revealSecrets(inner)]),
    );
  }
  return value;
}

/**
 * A wire value as a test sees it: like {@link reveal} (no envelopes, a resource reference as its id
 * or URN), except that each secret envelope becomes a {@link Secret} of its revealed value.
 */
export function present(value: WireValue): unknown {
  if (isSecret(value)) return new Secret(reveal(value.value ?? null));
  if (Array.isArray(value)) return value.map(present);
  if (typeof value === "object" && value !== null) {
    if (value[SIGNATURE_KEY] === RESOURCE_SIGNATURE) return reveal(value);
    const entries = Object.entries(value as Record<string, WireValue>);
    return Object.fromEntries(entries.map(([key, inner]) => [key, present(inner)]));
  }
  return value;
}

/** {@link present} for a property map. */
export function presentObject(value: Record<string, WireValue>): Record<string, unknown> {
  return present(value) as Record<string, unknown>;
}
