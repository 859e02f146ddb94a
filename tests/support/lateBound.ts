/**
 * A stand-in for an object a mocha `before` hook makes: the suite names it at describe time (as it
 * would a `let`), and every property read goes to the object once the hook has set it. Reading it
 * earlier throws, naming what was read too soon.
 */
export interface LateBound<T extends object> {
  /** The stand-in to hand to the suite. */
  readonly proxy: T;
  /** Sets (or, with `undefined`, clears) the object behind the stand-in. */
  set(value: T | undefined): void;
}

/** A stand-in for `what` (named in the error when it is read before it exists). */
export function lateBound<T extends object>(what: string): LateBound<T> {
  let current: T | undefined;
  const target = (): T => {
    if (current === undefined) throw new Error(`${what} was used before its before() hook made it`);
    return current;
  };
  const proxy = new Proxy({} as T, {
    get(_, property) {
      const object = target();
      const value: unknown = Reflect.get(object, property, object);
      // Methods run on the real object, so private fields and `this` work as without the stand-in.
      return typeof value === "function"
        ? (value as (...a: unknown[]) => unknown).bind(object)
        : value;
    },
    has: (_, property) => Reflect.has(target(), property),
  });
  return { proxy, set: (value) => (current = value) };
}
