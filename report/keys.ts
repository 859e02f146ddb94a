/**
 * The keys behind certificates: which `CertificateRequest` of the same stack made the key a
 * certificate was issued for, and what its public outputs say of the key's age and rotation.
 *
 * The link is read from state, never guessed from names: the engine records, per input, the URNs
 * whose outputs went into it (`propertyDependencies`), so a certificate's key input
 * (./credentials `keyInputs`: a CSR, a public key) names the request that made it. State written
 * without them (an imported resource) falls back to `dependencies` when exactly one request is
 * among them. When the key rotates is the provider's own rule (provider/core/rotation.ts), applied
 * at the report's instant: `keyCreatedAt + rotateAfterHours`, and a key of unknown age is due.
 */
import { formatInstant } from "../provider/core/instant";
import { isRotationDue, rotationStartsAt } from "../provider/core/rotation";
import { KEY_SOURCE } from "./credentials";
import { instant } from "./outputValues";
import type { FrontDoor, KeyFacts, KeyRotation } from "./model";
import { recognizeType } from "./schemaTypes";
import { isSecret } from "./secretValue";
import type { ExportedResource } from "./stackExport";

/** What state says of a key, before the report's instant is applied. */
export type StateKeyFacts = Omit<KeyFacts, "keyRotation"> & {
  /** The key rotates but its `keyCreatedAt` is a secret: the report cannot tell when. */
  keyAgeSecret?: boolean;
};

/** A `CertificateRequest` of an export, with what it says of its key. */
export interface KeySource {
  urn: string;
  door: FrontDoor;
  /** The public key's fingerprint, when public. */
  fingerprint?: string;
  facts: StateKeyFacts;
}

/** What a request's public outputs say of its key. */
export function keyFactsOf(outputs: Record<string, unknown>): StateKeyFacts {
  const created = outputs[KEY_SOURCE.createdAt];
  const hours = outputs[KEY_SOURCE.rotateAfterHours];
  const createdText = instant(outputs, KEY_SOURCE.createdAt);
  const facts: StateKeyFacts = createdText === undefined ? {} : { keyCreatedAt: createdText };
  // The schema allows whole hours from 1; anything else (or a secret) is not a rotation age.
  if (typeof hours !== "number" || !Number.isInteger(hours) || hours < 1) return facts;
  facts.keyRotateAfterHours = hours;
  if (isSecret(created)) facts.keyAgeSecret = true;
  else if (createdText !== undefined) {
    facts.keyRotationDue = formatInstant(rotationStartsAt(new Date(createdText), hours));
  }
  return facts;
}

/** The rotation at `at`, by the provider's rule; undefined when the key does not rotate or its age is secret. */
export function keyRotationAt(facts: StateKeyFacts, at: Date): KeyRotation | undefined {
  if (facts.keyRotateAfterHours === undefined || facts.keyAgeSecret) return undefined;
  return isRotationDue(facts.keyCreatedAt, facts.keyRotateAfterHours, at) ? "due" : "scheduled";
}

/** The report's {@link KeyFacts} of `facts` at `at`, in the model's field order. */
export function keyFactsAt(facts: StateKeyFacts, at: Date): KeyFacts {
  const rotation = keyRotationAt(facts, at);
  return {
    ...(facts.keyCreatedAt === undefined ? {} : { keyCreatedAt: facts.keyCreatedAt }),
    ...(facts.keyRotateAfterHours === undefined
      ? {}
      : { keyRotateAfterHours: facts.keyRotateAfterHours }),
    ...(facts.keyRotationDue === undefined ? {} : { keyRotationDue: facts.keyRotationDue }),
    ...(rotation === undefined ? {} : { keyRotation: rotation }),
  };
}

/** Every `CertificateRequest` of an export that is not on its way out, by URN. */
export function keySourcesOf(resources: readonly ExportedResource[]): Map<string, KeySource> {
  const sources = new Map<string, KeySource>();
  for (const resource of resources) {
    // The old copy of a replaced request shares its URN with the new one: the new one is the key.
    if (resource.delete) continue;
    const recognized = recognizeType(resource.type, resource.outputs);
    if (recognized?.token !== KEY_SOURCE.token) continue;
    const fingerprint = resource.outputs[KEY_SOURCE.fingerprint];
    sources.set(resource.urn, {
      urn: resource.urn,
      door: recognized.door,
      ...(typeof fingerprint === "string" && fingerprint !== "" ? { fingerprint } : {}),
      facts: keyFactsOf(resource.outputs),
    });
  }
  return sources;
}

/**
 * The request whose key `resource` was issued for: the first of its `keyInputs` whose
 * `propertyDependencies` name a request; when state records no `propertyDependencies` at all, the
 * one request among its `dependencies` (none when there are several: that would be a guess).
 */
export function linkedKey(
  resource: ExportedResource,
  keyInputs: readonly string[] | undefined,
  sources: ReadonlyMap<string, KeySource>,
): KeySource | undefined {
  if (keyInputs === undefined || sources.size === 0) return undefined;
  const byInput = resource.propertyDependencies ?? {};
  if (Object.keys(byInput).length > 0) {
    for (const input of keyInputs) {
      for (const urn of byInput[input] ?? []) {
        const source = sources.get(urn);
        if (source) return source;
      }
    }
    return undefined;
  }
  const requests = new Set((resource.dependencies ?? []).filter((urn) => sources.has(urn)));
  return requests.size === 1 ? sources.get([...requests][0]) : undefined;
}
