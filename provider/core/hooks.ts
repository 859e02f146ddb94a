/**
 * Plumbing every hooks module shares: the output schema version, output cleaning (Pulumi's protobuf
 * Struct cannot carry `undefined`, and an undefined output would silently vanish from state), and the
 * `configure` hook. The `check` hook's plumbing is in checkHook.ts.
 */
import { toWireObject } from "./wireValue";

export { configure } from "./stackConfig";

/**
 * Version of the output shape written by this code. Outputs carry it so a later release can read state
 * written by an earlier one and migrate in `read`/`diff`.
 */
export const SCHEMA_VERSION = 1;

/**
 * Outputs as the engine can store them (see {@link toWireObject}: no `undefined` at any depth, which
 * would fail the call or silently vanish from state), stamped with the schema version.
 */
export function cleanOutputs<T extends Record<string, unknown>>(
  outs: T,
): T & { schemaVersion: number } {
  return { ...(toWireObject(outs) as T), schemaVersion: SCHEMA_VERSION };
}

/** Inputs without the engine's `__provider` key. */
export function withoutProvider<T extends Record<string, unknown>>(
  props: T,
): Omit<T, "__provider"> {
  const { __provider: _ignored, ...rest } = props;
  return rest;
}

/** Structural equality of two JSON-like values (order of object keys ignored, of arrays kept). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => sameValue(v, b[i]))
    );
  }
  if (typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a as object).filter(
      (k) => (a as Record<string, unknown>)[k] !== undefined,
    );
    const kb = Object.keys(b as object).filter(
      (k) => (b as Record<string, unknown>)[k] !== undefined,
    );
    return (
      ka.length === kb.length &&
      ka.every((k) =>
        sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return false;
}
