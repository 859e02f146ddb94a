import type { ResourceError, RunResult } from "./types";

/**
 * A failed run: a check failure, a provider error, a program error.
 *
 * Carries the partial result (what did happen before the failure; state keeps it, including
 * partial creates) and every error with the resource it belongs to.
 */
export class LifecycleError extends Error {
  /** What the run did before it failed. */
  readonly result: RunResult;
  /** Every failure, in the order they happened. */
  readonly errors: ResourceError[];

  constructor(result: RunResult, errors: ResourceError[]) {
    super(LifecycleError.describe(result, errors));
    this.name = "LifecycleError";
    this.result = result;
    this.errors = errors;
  }

  private static describe(result: RunResult, errors: ResourceError[]): string {
    const lines = errors.map((error) => {
      const where = error.urn ? `${error.name} (${error.type})` : error.kind;
      return `  - ${where}: ${error.message}`;
    });
    const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
    return `${result.command} of stack ${result.project}/${result.stack} failed with ${count}:\n${lines.join("\n")}`;
  }
}
