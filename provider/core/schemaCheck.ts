/**
 * The part of `check` the schema can say by itself: for every input the schema lists and the
 * resource's own validator did not return, the value is checked against its schema type (string,
 * whole number, boolean, list of strings, one of an enum's values, an object), required inputs must
 * be given, and a schema `default` fills an absent one. A field added to the schema is so checked,
 * normalized and passed on without a line of validator code; what a schema cannot say (ranges, PEM
 * parsing, fields that exclude each other) stays in each resource's validator, which runs first.
 */
import { referencedType, resourceSchema, type PropertySchema } from "./packageSchema";
import { InputChecker, isUnknown, type CheckFailure } from "./validation";

/**
 * Checks the inputs of resource `token` that the validator did not look at (`owned`: the ones it
 * checked or failed) and did not return, adding each checked value to `inputs` and each problem to
 * the returned failures.
 */
export function checkRemainingInputs(
  token: string,
  given: Record<string, unknown>,
  inputs: Record<string, unknown>,
  owned: ReadonlySet<string>,
): CheckFailure[] {
  const resource = resourceSchema(token);
  const c = new InputChecker();
  for (const [name, property] of Object.entries(resource.inputProperties)) {
    if (name in inputs || owned.has(name)) continue;
    const required = resource.requiredInputs.includes(name);
    const value = checkedValue(c, name, given[name], property, required);
    if (value !== undefined) inputs[name] = value;
  }
  return c.failures;
}

function checkedValue(
  c: InputChecker,
  name: string,
  value: unknown,
  property: PropertySchema,
  required: boolean,
): unknown {
  if (isUnknown(value)) return value;
  const absent = value === undefined || value === null || value === "";
  if (absent && required) {
    c.fail(name, `${name} is required; got ${value === "" ? '""' : "nothing"}.`);
    return undefined;
  }
  if (absent) return property.default;
  const enumValues = enumOf(property);
  if (enumValues) {
    const allowed = enumValues.map(String);
    const match = c.oneOf(name, typeof value === "number" ? String(value) : value, allowed);
    return match === undefined ? undefined : (enumValues[allowed.indexOf(match)] ?? match);
  }
  if (property.$ref !== undefined)
    return name === "connection" ? c.connection(value) : objectOf(c, name, value);
  switch (property.type) {
    case "string":
      return c.string(name, value, { secret: property.secret });
    case "integer":
      return c.integer(name, value);
    case "boolean":
      return c.boolean(name, value);
    case "array":
      return c.stringList(name, value);
    default:
      return value;
  }
}

/** The values of the enum type a property refers to, or undefined when it refers to none. */
function enumOf(property: PropertySchema): unknown[] | undefined {
  return referencedType(property)?.enum?.map((entry) => entry.value);
}

function objectOf(c: InputChecker, name: string, value: unknown): unknown {
  if (typeof value === "object" && !Array.isArray(value)) return value;
  c.fail(name, `${name} must be an object; got ${Array.isArray(value) ? "a list" : typeof value}.`);
  return undefined;
}
