/**
 * The one `check` every resource exports: it runs the resource's validator and shapes the answer so
 * the engine can always show it.
 *
 * Guarantees, whatever the validator returns:
 * - the inputs handed back hold nothing protobuf's Struct cannot carry (no `undefined` at any depth;
 *   see {@link toWireValue}), so the Check call never fails with "Unexpected struct type." and the
 *   failures are never lost with it;
 * - a rejected input keeps the value the user gave, not the validator's `undefined` or fallback
 *   (e.g. 2048 for a refused keySize 1024), so the answer never contradicts its own failures and
 *   whoever shows it beside them shows what the user wrote (same key, so the engine's re-marking of
 *   secret inputs by name still applies);
 * - every failure reaches the engine as two strings (the server's protobuf encoding silently
 *   sends "" for a property or reason that is not a string).
 */
import type { CheckFailure } from "./validation";
import { withoutProvider } from "./hooks";
import { checkRemainingInputs } from "./schemaCheck";
import { toWireObject } from "./wireValue";

/** What a resource's validator returns: its normalized inputs and the failures it found. */
export interface CheckOutcome {
  inputs: object;
  failures: CheckFailure[];
  /** The inputs the validator looked at (its InputChecker's `checked`); the schema checks the rest. */
  checked?: ReadonlySet<string>;
}

/** The answer of Pulumi's `check`. */
export interface CheckAnswer {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/** A validator of one resource's inputs (given without `__provider`). */
export type Validator = (news: Record<string, unknown>) => CheckOutcome | Promise<CheckOutcome>;

/**
 * The Pulumi `check` hook for `validate`: the validator first, then — given the resource's schema
 * token — the schema's own rules for every input the validator left alone (./schemaCheck.ts).
 *
 * @param validate - the resource's validator.
 * @param token - the resource's token in schema/schema.json.
 * @default token - none: only the validator runs
 */
export function checkHook(
  validate: Validator,
  token?: string,
): (olds: Record<string, unknown>, news: Record<string, unknown>) => Promise<CheckAnswer> {
  return async (_olds, news) => {
    const given = withoutProvider(news ?? {});
    const outcome = await validate(given);
    const inputs: Record<string, unknown> = { ...(outcome.inputs ?? {}) };
    const failures = Array.isArray(outcome.failures) ? [...outcome.failures] : [];
    const owned = new Set(outcome.checked ?? []);
    for (const failure of failures) owned.add(inputKey(String(failure?.property ?? "")));
    if (token !== undefined) failures.push(...checkRemainingInputs(token, given, inputs, owned));
    return answerCheck(given, { inputs, failures });
  };
}

/**
 * Shapes a validator's outcome into an answer the engine can carry (see the file comment).
 *
 * @param given - the inputs as the user gave them (without `__provider`).
 * @param outcome - what the validator returned.
 */
export function answerCheck(given: Record<string, unknown>, outcome: CheckOutcome): CheckAnswer {
  const failures = (Array.isArray(outcome.failures) ? outcome.failures : []).map(asFailure);
  const inputs: Record<string, unknown> = { ...(outcome.inputs ?? {}) };
  for (const { property } of failures) {
    const key = inputKey(property);
    if (key !== "" && key !== "__provider" && given[key] !== undefined) inputs[key] = given[key];
  }
  return { inputs: toWireObject(inputs), failures };
}

/** The top-level input a failure's property path names: `principals[2]` → `principals`. */
export function inputKey(property: string): string {
  return /^[^.[]*/.exec(property)?.[0] ?? "";
}

function asFailure(failure: unknown): CheckFailure {
  if (typeof failure !== "object" || failure === null)
    return { property: "", reason: text(failure) };
  const f = failure as Partial<Record<keyof CheckFailure, unknown>>;
  return { property: text(f.property), reason: text(f.reason) };
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  return value === undefined || value === null ? "" : String(value);
}
