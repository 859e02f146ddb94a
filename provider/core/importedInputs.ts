/**
 * What an import hands back as a resource's inputs (the native plugin's Read with an id and no
 * state, docs/import.md). Pulumi stores them as the resource's inputs and `pulumi import` writes them
 * into the generated program, so they are what a user would write: only the inputs the vendor
 * object gives a value for that differs from the schema's default, never `connection` (an import
 * reaches the vendor through stack configuration or the environment, and the engine hands Read no
 * inputs to take one from).
 */
import { CertplaneError } from "./errors";
import { sameValue } from "./hooks";
import { defaultOf, resourceSchema } from "./packageSchema";

/** An import id the resource cannot read: says the format and gives an example. */
export class ImportIdError extends CertplaneError {}

/**
 * The declared inputs of resource `token` for normalized inputs `normalized`: defaults, `undefined`
 * and `connection` left out.
 * @param token - the resource's token in schema/schema.json
 * @param normalized - inputs as the resource's `check` returns them
 */
export function declaredInputs(
  token: string,
  normalized: Record<string, unknown>,
): Record<string, unknown> {
  const { inputProperties } = resourceSchema(token);
  const declared: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(inputProperties)) {
    const value = normalized[name];
    if (value === undefined || value === null || name === "connection") continue;
    if (sameValue(value, defaultOf(property))) continue;
    declared[name] = value;
  }
  return declared;
}

/**
 * The parts of a `/`-separated import id, or an {@link ImportIdError} naming the accepted formats.
 * @param id - the id given to `pulumi import` or the `import` option
 * @param formats - accepted formats, each a list of part names (e.g. `["frontdoorId", "certificateId"]`)
 * @param what - the resource, for the message (e.g. `netfoundry.ClientCertificate`)
 * @param example - a valid id, for the message
 */
export function importIdParts(
  id: string,
  formats: readonly (readonly string[])[],
  what: string,
  example: string,
): Record<string, string> {
  const parts = id.split("/");
  const format = formats.find((names) => names.length === parts.length);
  if (format && parts.every((part) => part.trim() !== "")) {
    return Object.fromEntries(format.map((name, i) => [name, parts[i].trim()]));
  }
  const allowed = formats.map((names) => `"${names.map((n) => `<${n}>`).join("/")}"`);
  throw new ImportIdError(
    `${what} cannot be imported by id "${id}": the id must be ${allowed.join(" or ")}, ` +
      `e.g. "${example}".`,
  );
}
