/**
 * Reading a resource's inputs the way a policy must during `pulumi preview`: an input that depends on
 * another resource's output is not known yet. CrossGuard hands policies its inputs behind a proxy that
 * throws when a rule touches such a value (and then reports the policy as "can't run during preview",
 * a warning); the raw value is the engine's unknown sentinel. Every rule reads through {@link readInput},
 * which answers {@link UNKNOWN} for both, and skips what it cannot know: no false failure, no warning.
 */
import { certplaneTypeOf, inputDefault, type CertplaneType } from "./certplaneTypes";

/** The engine's marker for a value not known until the update runs (the same for every type). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What {@link readInput} answers for a value not known yet. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

/** A value read from a resource's inputs: known (maybe undefined: not set), or not known yet. */
export type InputValue = unknown;

/** True for CrossGuard's "value at .x can't be known during preview" error (an internal class). */
function isUnknownValueError(error: unknown): boolean {
  return error instanceof Error && "unknownTypeSentinel" in error;
}

/** `value`, or {@link UNKNOWN} when it is the engine's sentinel. */
function known(value: unknown): InputValue {
  return value === UNKNOWN_SENTINEL ? UNKNOWN : value;
}

/**
 * The input at `path` (e.g. `["connection", "proxyUrl"]`): its value, `undefined` when it (or an
 * object on the way) is not set, or {@link UNKNOWN} when it (or an object on the way) is unknown.
 */
export function readInput(props: unknown, path: readonly string[]): InputValue {
  let value: unknown = props;
  try {
    for (const key of path) {
      value = known(value);
      if (value === UNKNOWN) return UNKNOWN;
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return known(value);
  } catch (error) {
    if (isUnknownValueError(error)) return UNKNOWN;
    throw error;
  }
}

/**
 * The elements of a list input, each read as {@link readInput} reads a value; {@link UNKNOWN} when
 * the list itself is unknown, `undefined` when it is not set (or not a list).
 */
export function readList(
  props: unknown,
  path: readonly string[],
): InputValue[] | typeof UNKNOWN | undefined {
  const list = readInput(props, path);
  if (list === UNKNOWN) return UNKNOWN;
  if (!Array.isArray(list)) return undefined;
  const elements: InputValue[] = [];
  for (let index = 0; index < list.length; index++) elements.push(readInput(list, [String(index)]));
  return elements;
}

/** A certplane resource as a rule sees it, through either door. */
export interface CertplaneResource {
  type: CertplaneType;
  /** The resource's name in the program. */
  name: string;
  urn: string;
  /** Its inputs (after the provider's check: defaults applied). */
  props: Record<string, unknown>;
  /** The inputs of its provider, when the engine shows them (the plugin door's stack config). */
  providerProps?: Record<string, unknown>;
}

/** What a policy is given about one resource (CrossGuard's args, as far as the rules read them). */
export interface ResourceView {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  provider?: { props: Record<string, unknown> };
}

/** The certplane resource `view` is, or undefined when it is no certplane resource. */
export function asCertplaneResource(view: ResourceView): CertplaneResource | undefined {
  const serializedProvider = readInput(view.props, ["__provider"]);
  const type = certplaneTypeOf(view.type, serializedProvider);
  if (!type) return undefined;
  return {
    type,
    name: view.name,
    urn: view.urn,
    props: view.props,
    providerProps: view.provider?.props,
  };
}

/**
 * An input of a certplane resource, with the provider's default when it is not set: what the
 * provider will use. The engine shows policies the inputs after the provider's check, which
 * already applied the defaults; a program's raw inputs (a unit test) get them here.
 */
export function effectiveInput(resource: CertplaneResource, input: string): InputValue {
  const value = readInput(resource.props, [input]);
  return value === undefined || value === null ? inputDefault(resource.type, input) : value;
}
