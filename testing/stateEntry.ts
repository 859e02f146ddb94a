/**
 * Builds the state entry of a registration: what the engine records about a resource besides its
 * values — its parent, its dependencies (explicit and property links, as the engine's checkpoint
 * keeps them: the parent apart), and the options that matter after the program is gone
 * (retainOnDelete, additionalSecretOutputs). Deletions are ordered by both links.
 */
import type { Registration } from "./hostProtocol";
import type { ResourceState } from "./stackState";
import type { WireObject } from "./wire";

/** The state entry of `registration` with the given id, inputs and outputs. */
export function stateEntryOf(
  registration: Registration,
  id: string,
  inputs: WireObject,
  outputs: WireObject,
  initErrors?: string[],
): ResourceState {
  const dependencies = new Set([
    ...registration.dependencies,
    ...Object.values(registration.propertyDependencies).flat(),
  ]);
  const entry: ResourceState = {
    urn: registration.urn,
    type: registration.type,
    name: registration.name,
    custom: registration.custom,
    id,
    inputs,
    outputs,
    parent: registration.parent || undefined,
    dependencies: [...dependencies],
    additionalSecretOutputs: registration.additionalSecretOutputs,
    deleteBeforeReplace: registration.deleteBeforeReplace || undefined,
    retainOnDelete: registration.retainOnDelete || undefined,
  };
  if (initErrors?.length) entry.initErrors = initErrors;
  return entry;
}
