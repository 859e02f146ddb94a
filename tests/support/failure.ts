/**
 * The error a call that must fail rejects with, for specs that then check its message.
 */
import { strict as assert } from "node:assert";

/** The error `promise` rejects with; the test fails when it resolves instead. */
export function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => assert.fail("expected a failure"),
    (error: unknown) => error as Error,
  );
}
