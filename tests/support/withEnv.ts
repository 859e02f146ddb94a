/**
 * Sets variables of process.env and puts back what was there (a variable that was unset is deleted
 * again), for the provider hooks that read their connection from the environment.
 */

/** Values to set; `undefined` unsets the variable. */
export type EnvValues = Record<string, string | undefined>;

function apply(values: EnvValues): EnvValues {
  const saved: EnvValues = {};
  for (const [key, value] of Object.entries(values)) {
    saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return saved;
}

/**
 * For a mocha suite: sets `values()` before it (a function, so it can read what an earlier `before`
 * made, such as a simulator's env) and restores the previous values after it.
 */
export function withEnv(values: () => EnvValues): void {
  let saved: EnvValues = {};
  before(() => {
    saved = apply(values());
  });
  after(() => {
    apply(saved);
  });
}

/** Runs `body` with `values` set, and restores the previous values however it ends. */
export async function whileEnv<T>(values: EnvValues, body: () => Promise<T>): Promise<T> {
  const saved = apply(values);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

/** {@link whileEnv} for a synchronous `body`: the values hold only for the length of the call. */
export function whileEnvSync<T>(values: EnvValues, body: () => T): T {
  const saved = apply(values);
  try {
    return body();
  } finally {
    apply(saved);
  }
}

/** The entries of `env` named in `keys` (a simulator's env narrowed to one vendor's variables). */
export function pickEnv(env: Readonly<Record<string, string>>, keys: readonly string[]): EnvValues {
  return Object.fromEntries(keys.map((key) => [key, env[key]]));
}
