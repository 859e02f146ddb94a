/**
 * The one `diff` every resource starts from: each input the schema lists is compared with the value
 * the outputs were made from. An input that is unknown (preview: its value comes from a resource not
 * made yet) or differs is a change; it replaces when the schema marks it `willReplaceOnChanges`,
 * else it updates in place. Comparison is structural (never `JSON.stringify`), so a second `up` of
 * the same program is a no-op. What a field comparison cannot decide — renewal, a key compared by
 * fingerprint, a mode switch — each resource adds to the result.
 */
import { sameValue } from "./hooks";
import { resourceSchema } from "./packageSchema";
import { isRenewalDue } from "./renewal";
import { containsUnknown } from "./validation";

type Values = Record<string, unknown>;

/**
 * Whether input `next` (known: unknowns are changes before this is asked) means no change, given
 * the old outputs and all new inputs. Replaces structural equality with the old output of that name.
 */
export type SameInput<O extends object, N extends object> = (
  next: unknown,
  olds: O,
  news: N,
) => boolean;

/** Per-resource comparison rules, by input name. */
export interface InputComparison<O extends object, N extends object> {
  /** Inputs compared by a rule of their own instead of structural equality. */
  same?: Partial<Record<string, SameInput<O, N>>>;
  /** Inputs left out entirely: the resource decides them itself. */
  skip?: readonly string[];
}

/** What changed, by input name, in the schema's order. */
export interface InputChanges {
  replaces: string[];
  updates: string[];
}

/** Whether input `next` changes `old`: unknown (preview), or structurally different. */
export function inputChanged(old: unknown, next: unknown): boolean {
  return containsUnknown(next) || !sameValue(old, next);
}

/** The changed inputs of resource `token` between its old outputs and its new inputs. */
export function inputChanges<O extends object, N extends object>(
  token: string,
  olds: O,
  news: N,
  comparison: InputComparison<O, N> = {},
): InputChanges {
  const { inputProperties } = resourceSchema(token);
  const changes: InputChanges = { replaces: [], updates: [] };
  for (const [name, property] of Object.entries(inputProperties)) {
    if (comparison.skip?.includes(name)) continue;
    const next = (news as Values)[name];
    const same = comparison.same?.[name];
    const changed = same
      ? containsUnknown(next) || !same(next, olds, news)
      : inputChanged((olds as Values)[name], next);
    if (changed) (property.willReplaceOnChanges ? changes.replaces : changes.updates).push(name);
  }
  return changes;
}

/**
 * Whether the renewal window is open: `now >= <expiry output> - earlyRenewalHours`, with the new
 * earlyRenewalHours (the old one while the new one is unknown).
 */
export function renewalDue<O extends { earlyRenewalHours: number }>(
  olds: O,
  news: { earlyRenewalHours?: unknown },
  expiryOutput: keyof O & string,
): boolean {
  const hours = containsUnknown(news.earlyRenewalHours)
    ? olds.earlyRenewalHours
    : (news.earlyRenewalHours as number);
  return isRenewalDue(olds[expiryOutput] as string | undefined, hours);
}

/** The engine's diff answer for `changes`: replaced names once each, in order. */
export function diffResult(changes: InputChanges, deleteBeforeReplace = false) {
  const replaces = [...new Set(changes.replaces)];
  return {
    changes: replaces.length + changes.updates.length > 0,
    replaces,
    deleteBeforeReplace,
  };
}
