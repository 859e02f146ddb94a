/**
 * The engine's step for one registration of a dynamic resource: Check, then (for an existing
 * resource) Diff, then Create, Update or a replacement, exactly in the engine's order and with its
 * rules — a resource with init errors is always updated, DIFF_UNKNOWN falls back to comparing
 * inputs, create-before-delete unless the provider or the resource option asks for
 * delete-before-replace, secret envelopes stripped before each call and put back on the outputs.
 */
import type { Registration, RegistrationReply } from "./hostProtocol";
import { ProviderCallError, type ProviderClient, type ResourceRef } from "./providerClient";
import type { RunContext } from "./runContext";
import type { ResourceState } from "./stackState";
import type { ResourceError, ResourceOp } from "./types";
import { stateEntryOf as entryOf } from "./stateEntry";
import {
  getPath,
  revealObject,
  sameValue,
  secretKeysOf,
  setPath,
  withSecretKeys,
  type WireObject,
} from "./wire";

/** An error already recorded in the run; the message goes back to the program. */
export class RecordedStepError extends Error {}

/** What the step decided for an existing resource. */
interface Plan {
  op: ResourceOp;
  deleteBeforeReplace: boolean;
}

/** The inputs with each `ignoreChanges` path reset to its old value, as the engine does. */
function applyIgnoreChanges(news: WireObject, olds: WireObject, paths: string[]): WireObject {
  let out = news;
  for (const ignored of paths) {
    const segments = ignored.split(".");
    out = setPath(out, segments, getPath(olds, segments));
  }
  return out;
}

/** Top-level input names whose values differ between `olds` and `news`. */
function changedKeys(olds: WireObject, news: WireObject): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((key) => !sameValue(olds[key], news[key]));
}

/** Runs the step of one dynamic resource registration and answers the program. */
export class DynamicStep {
  private readonly ref: ResourceRef;
  private readonly started = Date.now();
  private op: ResourceOp = "create";

  constructor(
    private readonly ctx: RunContext,
    private readonly registration: Registration,
  ) {
    this.ref = { urn: registration.urn, name: registration.name, type: registration.type };
  }

  /** Check, diff and apply; throws {@link RecordedStepError} once the failure is recorded. */
  async run(): Promise<RegistrationReply> {
    const { ctx, registration } = this;
    const old = ctx.live(registration.urn);
    this.op = old ? "update" : "create";
    const provider = await ctx.provider();
    const news = old
      ? applyIgnoreChanges(registration.inputs, old.inputs, registration.ignoreChanges)
      : registration.inputs;
    const secretInputs = secretKeysOf(news);
    const checked = await this.check(provider, old, news);
    const inputs = withSecretKeys(checked, secretInputs);
    const plan = old
      ? await this.plan(provider, old, checked)
      : { op: "create" as const, deleteBeforeReplace: false };
    this.op = plan.op;
    this.ctx.emit({ kind: "step-start", op: plan.op, ...this.ref });

    if (old && plan.op === "same") {
      return this.finish(entryOf(registration, old.id, inputs, old.outputs));
    }
    if (ctx.settings.preview) {
      // Like the engine with a provider that cannot preview: outputs are unknown, so the SDK
      // resolves input-named outputs from the inputs and every other output as unknown.
      const id = plan.op === "update" && old ? old.id : "";
      return this.finish(entryOf(registration, id, inputs, {}), false);
    }
    if (old && plan.op === "update") {
      return this.apply(old.id, inputs, () =>
        provider
          .update(
            this.ref,
            old.id,
            revealObject(old.outputs),
            checked,
            revealObject(old.inputs),
            registration.ignoreChanges,
          )
          .then((outputs) => ({ id: old.id, outputs })),
      );
    }
    if (old && plan.op === "replace" && plan.deleteBeforeReplace) {
      await this.deleteOld(provider, old);
    }
    const replaced = old && plan.op === "replace" && !plan.deleteBeforeReplace ? old : undefined;
    return this.apply("", inputs, () => provider.create(this.ref, checked), replaced);
  }

  private async check(
    provider: ProviderClient,
    old: ResourceState | undefined,
    news: WireObject,
  ): Promise<WireObject> {
    try {
      const olds = old ? revealObject(old.inputs) : {};
      const result = await provider.check(this.ref, olds, revealObject(news));
      if (result.failures.length === 0) return result.inputs;
      const reasons = result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
      throw this.recorded({
        kind: "check",
        message: `check failed: ${reasons}`,
        failures: result.failures,
      });
    } catch (error) {
      throw this.asRecorded(error, "check");
    }
  }

  private async plan(
    provider: ProviderClient,
    old: ResourceState,
    checked: WireObject,
  ): Promise<Plan> {
    const { registration } = this;
    const oldInputs = revealObject(old.inputs);
    let diff;
    try {
      diff = await provider.diff(
        this.ref,
        old.id,
        revealObject(old.outputs),
        checked,
        oldInputs,
        registration.ignoreChanges,
      );
    } catch (error) {
      throw this.asRecorded(error, "diff");
    }
    const changed = changedKeys(oldInputs, checked);
    // DIFF_UNKNOWN (a provider without diff, or one answering `changes: undefined`): the engine
    // compares old and new inputs itself.
    let hasChanges = diff.changes === "some" || (diff.changes === "unknown" && changed.length > 0);
    const replaces = new Set(diff.replaces);
    const replaceOnChanges = registration.replaceOnChanges;
    for (const key of changed) {
      if (replaceOnChanges.includes(key) || replaceOnChanges.includes("*")) replaces.add(key);
    }
    // A resource recorded with init errors (a partial create) is always updated.
    if (old.initErrors?.length) hasChanges = true;
    const deleteBeforeReplace = diff.deleteBeforeReplace || registration.deleteBeforeReplace;
    if (!hasChanges) return { op: "same", deleteBeforeReplace };
    return { op: replaces.size > 0 ? "replace" : "update", deleteBeforeReplace };
  }

  /**
   * Runs a create or update and records its outcome, including a partial one. `currentId` is the
   * id before the call (`""` for a create); `replaced` is the old copy a create-before-delete
   * replacement retires once the new object exists.
   */
  private async apply(
    currentId: string,
    inputs: WireObject,
    call: () => Promise<{ id: string; outputs: WireObject }>,
    replaced?: ResourceState,
  ): Promise<RegistrationReply> {
    const secretOutputs = [...secretKeysOf(inputs), ...this.registration.additionalSecretOutputs];
    try {
      const { id, outputs } = await call();
      this.retire(replaced);
      return this.finish(
        entryOf(this.registration, id, inputs, withSecretKeys(outputs, secretOutputs)),
      );
    } catch (error) {
      const initFailure = error instanceof ProviderCallError ? error.initFailure : undefined;
      if (initFailure) {
        // The object exists: record it with its init errors, as the engine does, so nothing is
        // orphaned and the next up updates it.
        this.retire(replaced);
        const outputs = withSecretKeys(initFailure.properties, secretOutputs);
        const id = initFailure.id || currentId;
        const entry = entryOf(this.registration, id, inputs, outputs, initFailure.reasons);
        this.ctx.put(entry);
        this.ctx.record(this.op, entry);
        throw this.recorded({
          kind: "provider",
          message:
            `${(error as Error).message} (partial ${this.op}: ${id} exists and is recorded with ` +
            `init errors; the next up updates it)`,
          partial: { id, reasons: initFailure.reasons },
        });
      }
      throw this.asRecorded(error, this.op);
    }
  }

  /** Marks the replaced copy for deletion at the end of the run (create-before-delete). */
  private retire(replaced: ResourceState | undefined): void {
    if (!replaced) return;
    replaced.pendingDeletion = true;
    this.ctx.replacedThisRun.add(replaced);
  }

  private async deleteOld(provider: ProviderClient, old: ResourceState): Promise<void> {
    try {
      if (!old.retainOnDelete) {
        await provider.delete(
          this.ref,
          old.id,
          revealObject(old.outputs),
          revealObject(old.inputs),
        );
      }
      this.ctx.remove(old);
    } catch (error) {
      throw this.asRecorded(error, "replace");
    }
  }

  private finish(entry: ResourceState, store = true): RegistrationReply {
    if (store) this.ctx.put(entry);
    this.ctx.record(this.op, entry);
    const durationMs = Date.now() - this.started;
    this.ctx.emit({ kind: "step-finish", op: this.op, ...this.ref, id: entry.id, durationMs });
    return { urn: entry.urn, id: entry.id, outputs: entry.outputs };
  }

  private recorded(error: Omit<ResourceError, "urn" | "type" | "name" | "op">): RecordedStepError {
    this.ctx.fail({ ...error, ...this.ref, op: this.op });
    return new RecordedStepError(error.message);
  }

  private asRecorded(error: unknown, what: string): RecordedStepError {
    if (error instanceof RecordedStepError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return this.recorded({ kind: "provider", message: `${what} failed: ${message}` });
  }
}
