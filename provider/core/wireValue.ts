/**
 * What a hook may hand back to the engine: a value protobuf's `Struct` can carry.
 *
 * The dynamic-provider server turns every hook answer (check's inputs, create/update/read outputs)
 * into a `google.protobuf.Struct` with `Struct.fromJavaScript`, which throws "Unexpected struct
 * type." on `undefined`, functions, symbols and bigints — also on a Buffer, or any object whose
 * prototype has an enumerable method (its `for…in` walks inherited keys) — and so fails the whole
 * call with that message instead of the hook's own. It silently turns a Date or a Map into `{}` and a
 * byte array into an object keyed "0", "1", …; a NaN or an infinity travels, but has no JSON form,
 * and state files are JSON. So every answer passes through {@link toWireValue}.
 */

/**
 * A deep copy of `value` holding only what the wire carries: strings, finite numbers, booleans,
 * null, arrays and plain objects.
 *
 * - `undefined`, functions, symbols, NaN and infinities are dropped: from objects as absent keys,
 *   from arrays as absent entries (the other entries keep their order);
 * - a Date becomes its ISO text, a Buffer (or any byte array) its base64 text, a bigint its
 *   decimal text;
 * - any other object becomes a plain object of its own enumerable keys (as JSON does), and an
 *   object met again inside itself is dropped rather than recursed into forever;
 * - a `__proto__` key (`JSON.parse` makes it an own key) is dropped: written into a plain object
 *   it would set the prototype instead, and no input has that name.
 *
 * Returns `undefined` only when `value` itself is one of the dropped kinds.
 */
export function toWireValue(value: unknown): unknown {
  return copy(value, new Set());
}

/** {@link toWireValue} for an object at the top (an answer's inputs or outputs): always an object. */
export function toWireObject(value: object): Record<string, unknown> {
  const copied = copy(value, new Set());
  return copied !== null && typeof copied === "object" && !Array.isArray(copied)
    ? (copied as Record<string, unknown>)
    : {};
}

function copy(value: unknown, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : undefined;
    case "bigint":
      return value.toString();
    case "object":
      return value === null ? null : copyObject(value, ancestors);
    default:
      // undefined, function, symbol
      return undefined;
  }
}

function copyObject(value: object, ancestors: Set<object>): unknown {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  }
  if (ArrayBuffer.isView(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  }
  if (ancestors.has(value)) return undefined;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((entry) => copy(entry, ancestors)).filter((entry) => entry !== undefined);
    }
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (key === "__proto__") continue;
      const copied = copy(entry, ancestors);
      if (copied !== undefined) out[key] = copied;
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}
