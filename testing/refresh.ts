/**
 * `refresh`: asks the provider's Read for the current view of every dynamic resource in state,
 * without running the program. An answer without an id means the object is gone (dropped from
 * state); different outputs are stored and reported. Secretness survives: outputs keep the secret
 * names they had, plus same-named secret inputs and `additionalSecretOutputs`.
 */
import type { RunContext } from "./runContext";
import { isDynamicType, type ResourceState } from "./stackState";
import { revealObject, sameValue, secretKeysOf, withSecretKeys } from "./wire";

async function refreshOne(ctx: RunContext, resource: ResourceState): Promise<void> {
  if (ctx.failed) return;
  const ref = { urn: resource.urn, type: resource.type, name: resource.name };
  const started = Date.now();
  if (!isDynamicType(resource.type) || resource.external) {
    // Fakes and reads have nobody to ask: they stay as they are.
    ctx.record("refresh-same", resource);
    return;
  }
  let answer;
  try {
    const provider = await ctx.provider();
    const outputs = revealObject(resource.outputs);
    answer = await provider.read(ref, resource.id, outputs, revealObject(resource.inputs));
  } catch (error) {
    ctx.fail({
      kind: "provider",
      ...ref,
      message: `read (refresh) failed: ${(error as Error).message}`,
    });
    return;
  }
  if (!answer.id) {
    ctx.remove(resource);
    ctx.record("refresh-removed", resource);
    ctx.emit({
      kind: "step-finish",
      op: "refresh-removed",
      ...ref,
      id: resource.id,
      durationMs: Date.now() - started,
    });
    return;
  }
  const secretNames = [
    ...secretKeysOf(resource.outputs),
    ...secretKeysOf(resource.inputs),
    ...(resource.additionalSecretOutputs ?? []),
  ];
  const refreshed: ResourceState = {
    ...resource,
    id: answer.id,
    outputs: withSecretKeys(answer.outputs, secretNames),
    inputs: answer.inputs
      ? withSecretKeys(answer.inputs, secretKeysOf(resource.inputs))
      : resource.inputs,
  };
  const changed =
    answer.id !== resource.id ||
    !sameValue(revealObject(resource.outputs), answer.outputs) ||
    !sameValue(revealObject(resource.inputs), revealObject(refreshed.inputs));
  const op = changed ? "refresh-changed" : "refresh-same";
  ctx.replace(resource, refreshed);
  ctx.record(op, refreshed);
  ctx.emit({ kind: "step-finish", op, ...ref, id: refreshed.id, durationMs: Date.now() - started });
}

/** Refreshes every custom resource in the stack's state. */
export async function refreshAll(ctx: RunContext): Promise<void> {
  const resources = ctx.state.resources.filter((resource) => resource.custom);
  await Promise.all(resources.map((resource) => ctx.limiter.run(() => refreshOne(ctx, resource))));
}
