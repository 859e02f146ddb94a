/** Prints what a run produced: the issued table and the stack outputs (secrets masked). */
import { ISSUED_HEADERS, issuedRows, rowCells, type IssuedResource } from "./issued";
import { renderTable } from "../tools/devkit/table";

/** How one stack output is shown: secrets masked, PEM blocks summarized, the rest as JSON. */
export function outputText(value: unknown, secret: boolean): string {
  if (secret) return "[secret]";
  if (typeof value === "string") {
    const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(value)?.[1];
    if (label) return `${label} PEM (${Buffer.byteLength(value)} bytes)`;
    return value.length > 72 ? `${value.slice(0, 69)}...` : value;
  }
  const json = JSON.stringify(value);
  if (Array.isArray(value))
    return `${value.length} item(s): ${json.length > 60 ? `${json.slice(0, 57)}...` : json}`;
  return json.length > 72 ? `${json.slice(0, 69)}...` : json;
}

/**
 * The report printed after the first up.
 * @param resources - the stack's resources with plain outputs
 * @param outputs - stack outputs (plain values)
 * @param secretOutputs - names of the secret stack outputs
 */
export function renderReport(
  resources: IssuedResource[],
  outputs: Record<string, unknown>,
  secretOutputs: string[],
): string {
  const issued = renderTable(ISSUED_HEADERS, issuedRows(resources).map(rowCells));
  const stackOutputs = renderTable(
    ["stack output", "value"],
    Object.keys(outputs)
      .sort()
      .map((name) => [name, outputText(outputs[name], secretOutputs.includes(name))]),
  );
  return `What was issued:\n${issued}\n\nStack outputs:\n${stackOutputs}`;
}
