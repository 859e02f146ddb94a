/**
 * Answers the program's requests during `up` and `preview`, playing the engine's resource monitor:
 * dynamic resources go through {@link DynamicStep}; components are only recorded; custom resources
 * of other providers take their fake's outputs (create / same / update by comparing inputs); reads
 * serve StackReferences from the other stack's state, and anything else from its fake.
 */
import { DynamicStep, RecordedStepError } from "./dynamicStep";
import type { ReadRegistration, Registration, RegistrationReply } from "./hostProtocol";
import type { RunContext } from "./runContext";
import { readStackReference } from "./stackReferences";
import { stateEntryOf } from "./stateEntry";
import type { ResourceState } from "./stackState";
import type { ResourceOp } from "./types";
import { revealObject, sameValue, secretKeysOf, withSecretKeys, type WireObject } from "./wire";

const STACK_TYPE = "pulumi:pulumi:Stack";
const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** True for the URN of the stack resource itself. */
export function isStackUrn(urn: string): boolean {
  return urn.split("::")[2] === STACK_TYPE;
}

function refuseLateRequest(ctx: RunContext): void {
  if (ctx.failed || ctx.stopping) {
    throw new Error(`Not run: an earlier step of this ${ctx.settings.command} failed.`);
  }
}

/** Claims `urn` for this run; a program may declare each URN once, as the engine enforces. */
function claim(ctx: RunContext, urn: string): void {
  if (ctx.registered.has(urn)) {
    throw new Error(`Duplicate resource URN ${urn}: give each resource of a type a unique name.`);
  }
  ctx.registered.add(urn);
}

/** Handles a RegisterResource request. */
export function register(ctx: RunContext, registration: Registration): Promise<RegistrationReply> {
  return ctx.track(
    (async () => {
      claim(ctx, registration.urn);
      refuseLateRequest(ctx);
      if (registration.type === STACK_TYPE) return { urn: registration.urn, id: "", outputs: {} };
      if (!registration.custom) return registerComponent(ctx, registration);
      return ctx.limiter.run(async () => {
        // Checked again: the run may have failed while this step waited for a slot.
        refuseLateRequest(ctx);
        if (registration.fake) return registerFaked(ctx, registration, registration.fake);
        return new DynamicStep(ctx, registration).run();
      });
    })().catch((error: unknown) => {
      if (
        !(error instanceof RecordedStepError) &&
        !(error as Error).message.startsWith("Not run")
      ) {
        ctx.fail({
          kind: "runner",
          message: (error as Error).message,
          urn: registration.urn,
          type: registration.type,
          name: registration.name,
        });
      }
      throw error;
    }),
  );
}

function finish(ctx: RunContext, op: ResourceOp, entry: ResourceState): RegistrationReply {
  // A preview changes only the working copy, which it never writes.
  ctx.put(entry);
  ctx.record(op, entry);
  const ref = { urn: entry.urn, type: entry.type, name: entry.name };
  ctx.emit({ kind: "step-start", op, ...ref });
  ctx.emit({ kind: "step-finish", op, ...ref, id: entry.id, durationMs: 0 });
  return { urn: entry.urn, id: entry.id, outputs: entry.outputs };
}

function registerComponent(ctx: RunContext, registration: Registration): RegistrationReply {
  const old = ctx.live(registration.urn);
  const entry = stateEntryOf(registration, "", registration.inputs, old?.outputs ?? {});
  finish(ctx, old ? "same" : "create", entry);
  // Components have no provider outputs: the SDK resolves their properties from the inputs.
  return { urn: registration.urn, id: "", outputs: {} };
}

function registerFaked(
  ctx: RunContext,
  registration: Registration,
  fake: { id: string; state: WireObject },
): RegistrationReply {
  const old = ctx.live(registration.urn);
  const inputs = registration.inputs;
  if (old && sameValue(revealObject(old.inputs), revealObject(inputs))) {
    return finish(ctx, "same", stateEntryOf(registration, old.id, inputs, old.outputs));
  }
  const op: ResourceOp = old ? "update" : "create";
  if (ctx.settings.preview) {
    return finish(ctx, op, stateEntryOf(registration, old?.id ?? "", inputs, {}));
  }
  const secretOutputs = [...secretKeysOf(inputs), ...registration.additionalSecretOutputs];
  const outputs = withSecretKeys(fake.state, secretOutputs);
  return finish(ctx, op, stateEntryOf(registration, old?.id ?? fake.id, inputs, outputs));
}

/** Handles a ReadResource request (a StackReference or a resource `get`). */
export async function read(ctx: RunContext, request: ReadRegistration): Promise<RegistrationReply> {
  refuseLateRequest(ctx);
  let outputs: WireObject;
  let id = request.id;
  try {
    claim(ctx, request.urn);
    if (request.type === STACK_REFERENCE_TYPE) {
      outputs = readStackReference(ctx, request.id);
    } else {
      const fake = request.fake ?? { id, state: request.inputs };
      id = fake.id;
      outputs = withSecretKeys(fake.state, request.additionalSecretOutputs);
    }
  } catch (error) {
    const message = (error as Error).message;
    ctx.fail({
      kind: "runner",
      op: "read",
      message,
      urn: request.urn,
      type: request.type,
      name: request.name,
    });
    throw error;
  }
  const entry: ResourceState = {
    urn: request.urn,
    type: request.type,
    name: request.name,
    custom: true,
    id,
    inputs: request.inputs,
    outputs,
    parent: request.parent || undefined,
    dependencies: [...request.dependencies],
    external: true,
  };
  ctx.put(entry);
  ctx.record("read", entry);
  return { urn: entry.urn, id, outputs };
}

/** Handles RegisterResourceOutputs: stack outputs, or a component's outputs. */
export function registerOutputs(ctx: RunContext, urn: string, outputs: WireObject): void {
  if (isStackUrn(urn)) {
    ctx.stackOutputs = outputs;
    return;
  }
  const entry = ctx.live(urn);
  if (entry) ctx.replace(entry, { ...entry, outputs });
}
