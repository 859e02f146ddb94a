/**
 * The runner's record of one stack (what the engine calls a checkpoint): each resource's inputs,
 * outputs and the links the engine needs to order deletions, plus the stack outputs. Values are in
 * Pulumi's wire format; in memory secrets are plaintext envelopes, on disk they are encrypted
 * (see stateStore.ts).
 */
import type { WireObject } from "./wire";

/** One resource as recorded in state. */
export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  /** False for component resources, which the engine records but never sends to a provider. */
  custom: boolean;
  /** Provider id; `""` for components. */
  id: string;
  /** Checked inputs, including `__provider` for dynamic resources. */
  inputs: WireObject;
  outputs: WireObject;
  parent?: string;
  /**
   * URNs this resource depends on (explicit and property links), as the engine's checkpoint keeps
   * them; the parent is `parent` (state written by earlier runners also lists it here, which orders the same).
   */
  dependencies: string[];
  additionalSecretOutputs?: string[];
  deleteBeforeReplace?: boolean;
  retainOnDelete?: boolean;
  /** Set when the provider created the resource but reported it failed to initialize. */
  initErrors?: string[];
  /** An old copy replaced create-before-delete, waiting for its Delete at the end of a run. */
  pendingDeletion?: boolean;
  /** Read (not managed) by the program, e.g. a StackReference: never deleted, only forgotten. */
  external?: boolean;
}

/** The whole state of one stack. */
export interface StackState {
  version: 1;
  project: string;
  stack: string;
  /** Stack outputs (the program's exports). */
  outputs: WireObject;
  resources: ResourceState[];
}

/** The prefix of every dynamic resource type token. */
const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic";

/** True for resources served by Pulumi's dynamic-provider process. */
export function isDynamicType(type: string): boolean {
  return type === DYNAMIC_TYPE_PREFIX + ":Resource" || type.startsWith(DYNAMIC_TYPE_PREFIX + "/");
}

/** An empty state for a new stack. */
export function emptyStackState(project: string, stack: string): StackState {
  return { version: 1, project, stack, outputs: {}, resources: [] };
}
