/**
 * Messages between the runner (parent) and the language host child process that runs the program.
 * The host forwards what the program asks the engine for (register a resource, read one, record
 * outputs) and waits for the parent's answer, so the parent owns state and the provider process.
 */
import type { WireObject } from "./wire";

/** Sent once by the parent to start the program. */
export interface StartMessage {
  type: "start";
  /** Absolute path of the program module. */
  program: string;
  project: string;
  stack: string;
  preview: boolean;
  /** Absolute path of the fakes module, if any. */
  fakes?: string;
}

/** A RegisterResource request as the program sent it, in wire format. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string;
  /** The inputs, with secrets, unknowns and resource references as the SDK serialized them. */
  inputs: WireObject;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  provider: string;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  retainOnDelete: boolean;
  additionalSecretOutputs: string[];
  /** For custom resources no dynamic provider serves: what the fake (or the echo default) made. */
  fake?: { id: string; state: WireObject };
}

/** A ReadResource request (a StackReference or a resource `get`). */
export interface ReadRegistration {
  urn: string;
  type: string;
  name: string;
  id: string;
  parent: string;
  inputs: WireObject;
  dependencies: string[];
  additionalSecretOutputs: string[];
  fake?: { id: string; state: WireObject };
}

/** What the engine answers a registration or a read with. */
export interface RegistrationReply {
  urn: string;
  id: string;
  outputs: WireObject;
}

/** Messages the host sends. */
export type HostMessage =
  | { type: "register"; seq: number; registration: Registration }
  | { type: "read"; seq: number; read: ReadRegistration }
  | { type: "outputs"; urn: string; outputs: WireObject }
  | { type: "done" }
  | { type: "failed"; message: string };

/** Messages the parent sends after {@link StartMessage}. */
export type ParentMessage =
  | { type: "reply"; seq: number; reply: RegistrationReply }
  | { type: "reply"; seq: number; error: string };
