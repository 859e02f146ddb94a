/**
 * What a user's test prints of a value the runner or the simulator handed it: every way a test, a
 * catch block, an assertion or Node itself turns an object into text. The secret scan looks for
 * its secrets in each.
 */
import { inspect } from "node:util";
import { consoleOutput } from "../support/consoleOutput";

/**
 * `value` printed each way a test prints it, by way: `util.inspect` at every depth with hidden
 * properties (how Node prints an uncaught error, at its most revealing), `console.error` and
 * `console.log` (default depth), `String()` and JSON.
 */
export function printedForms(value: unknown): Record<string, string> {
  return {
    "util.inspect": inspect(value, { depth: Infinity, showHidden: true }),
    "console.error": consoleOutput((console) => console.error(value)),
    "console.log in a template": consoleOutput((console) => console.log(`failed: ${value}`)),
    "String()": String(value),
    "JSON.stringify": JSON.stringify(value) ?? "",
  };
}
