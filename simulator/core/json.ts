// JSON value types shared by vendor inventories, snapshots and the control API.

/** A JSON primitive. */
export type JsonPrimitive = string | number | boolean | null;

/** Any JSON value. */
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Narrows an unknown value to a JSON object (not null, not an array).
 * @param value - the value to test
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Views plain data (interfaces without index signatures, e.g. counts and faults) as JSON. Only for
 * values built from strings, numbers, booleans, null, arrays and plain objects.
 * @param value - plain data
 */
export function asJson(value: unknown): JsonValue {
  return value as JsonValue;
}
