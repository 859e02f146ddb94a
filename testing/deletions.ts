/**
 * Deletes a set of resources in reverse dependency order, in parallel where the order allows: a
 * resource is deleted only after every resource of the set that depends on it (explicitly, through
 * a property, or as its child) is gone. Resources the engine never sends to a provider (components,
 * reads, fakes) and `retainOnDelete` ones are only dropped from state.
 */
import type { RunContext } from "./runContext";
import { isDynamicType, type ResourceState } from "./stackState";
import { revealObject } from "./wire";

/** True when deleting `resource` means calling the provider's Delete. */
function needsProviderDelete(resource: ResourceState): boolean {
  return (
    resource.custom &&
    !resource.external &&
    !resource.retainOnDelete &&
    isDynamicType(resource.type)
  );
}

/**
 * Deletes `resources`; `report(resource)` says whether the deletion shows in the result (an old
 * copy of a replacement does not: the replacement is its op). A preview only reports.
 */
export async function deleteInDependencyOrder(
  ctx: RunContext,
  resources: ResourceState[],
  report: (resource: ResourceState) => boolean = () => true,
): Promise<void> {
  const finished = new Map<ResourceState, Promise<void>>();

  const dependentsOf = (resource: ResourceState) =>
    resources.filter(
      (other) =>
        other !== resource &&
        other.urn !== resource.urn &&
        (other.dependencies.includes(resource.urn) || other.parent === resource.urn),
    );

  const deletion = (resource: ResourceState, path: ResourceState[]): Promise<void> => {
    const known = finished.get(resource);
    if (known) return known;
    if (path.includes(resource)) {
      throw new Error(
        `Dependency cycle among resources to delete: ${path.map((r) => r.urn).join(" -> ")}`,
      );
    }
    const promise = (async () => {
      await Promise.all(dependentsOf(resource).map((d) => deletion(d, [...path, resource])));
      // A failed deletion keeps everything it depends on: those must outlive it.
      if (ctx.failed) return;
      await ctx.limiter.run(() => deleteOne(ctx, resource, report(resource)));
    })();
    finished.set(resource, promise);
    return promise;
  };

  await Promise.all(resources.map((resource) => deletion(resource, [])));
}

async function deleteOne(
  ctx: RunContext,
  resource: ResourceState,
  reported: boolean,
): Promise<void> {
  if (ctx.failed) return;
  const ref = { urn: resource.urn, type: resource.type, name: resource.name };
  const started = Date.now();
  if (reported) ctx.emit({ kind: "step-start", op: "delete", ...ref });
  try {
    if (!ctx.settings.preview && needsProviderDelete(resource)) {
      const provider = await ctx.provider();
      await provider.delete(
        ref,
        resource.id,
        revealObject(resource.outputs),
        revealObject(resource.inputs),
      );
    }
  } catch (error) {
    ctx.fail({
      kind: "provider",
      op: "delete",
      ...ref,
      message: `delete failed: ${(error as Error).message}`,
    });
    return;
  }
  if (!ctx.settings.preview) ctx.remove(resource);
  if (!reported) return;
  ctx.record("delete", resource);
  ctx.emit({
    kind: "step-finish",
    op: "delete",
    ...ref,
    id: resource.id,
    durationMs: Date.now() - started,
  });
}
