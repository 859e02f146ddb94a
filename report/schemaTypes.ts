/**
 * How a resource in a stack export is recognized as one of certplane's, through either front door:
 * by its type token and serialized provider, as the policy pack does (schema/recognizeResource.ts),
 * and, for a generic dynamic resource whose program made `__provider` a secret, by its outputs: the
 * resource whose required stored outputs are all present (plus `schemaVersion`, which every certplane
 * output set has).
 */
import {
  GENERIC_DYNAMIC_TOKEN,
  recognizeResource,
  type RecognizedResource,
} from "../schema/recognizeResource";
import { derivedOutputs, PACKAGE_SCHEMA } from "../provider/core/packageSchema";

/**
 * Each resource's required outputs that state holds (not those the class derives on read, which
 * the dynamic door never stores), most first (so a superset is tried before its subset).
 */
const BY_REQUIRED_OUTPUTS = Object.entries(PACKAGE_SCHEMA.resources)
  .map(([token, resource]) => {
    const derived = new Set(derivedOutputs(resource).map(([name]) => name));
    return { token, required: resource.required.filter((name) => !derived.has(name)) };
  })
  .sort((a, b) => b.required.length - a.required.length);

/**
 * The certplane type of an exported resource, or undefined when it is not one of certplane's.
 * @param type - the resource's type token
 * @param outputs - its outputs (only `__provider` and the output names are read)
 */
export function recognizeType(
  type: string,
  outputs: Record<string, unknown>,
): RecognizedResource | undefined {
  const recognized = recognizeResource(type, outputs.__provider);
  if (recognized || type !== GENERIC_DYNAMIC_TOKEN) return recognized;
  if (typeof outputs.__provider === "string" || !("schemaVersion" in outputs)) return undefined;
  const byOutputs = BY_REQUIRED_OUTPUTS.find(({ required }) =>
    required.every((name) => name in outputs),
  );
  return byOutputs && { token: byOutputs.token, door: "dynamic" };
}
