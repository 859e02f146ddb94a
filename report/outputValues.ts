/**
 * How the report reads one public output of an exported resource: a text, or an instant in the one
 * format (provider/core/instant.ts). A secret (an object in state) or an empty text reads as absent.
 */
import { formatInstant } from "../provider/core/instant";

/** A public text output, or undefined (absent, secret, or not text). */
export function text(
  outputs: Record<string, unknown>,
  name: string | undefined,
): string | undefined {
  if (name === undefined) return undefined;
  const value = outputs[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A time output as the one format, or undefined when absent or not a time. */
export function instant(
  outputs: Record<string, unknown>,
  name: string | undefined,
): string | undefined {
  const value = text(outputs, name);
  return value !== undefined && !Number.isNaN(Date.parse(value)) ? formatInstant(value) : undefined;
}
