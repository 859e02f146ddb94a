/**
 * Runs one command end to end: loads the stack's state, does the command's work, stops every child
 * process whatever happened, and turns what happened into a {@link RunResult} — or a
 * {@link LifecycleError} carrying that result when anything failed.
 */
import { deleteInDependencyOrder } from "./deletions";
import { LifecycleError } from "./lifecycleError";
import { deployProgram } from "./programDeployment";
import { refreshAll } from "./refresh";
import { RunContext } from "./runContext";
import type { RunSettings } from "./runnerSettings";
import { StateStore } from "./stateStore";
import { RESOURCE_OPS, type OpCounts, type ResourceOp, type RunResult } from "./types";
import { presentObject } from "./secretValue";
import { secretKeysOf, type WireObject } from "./wire";

const CHANGING_OPS: ReadonlySet<ResourceOp> = new Set([
  "create",
  "update",
  "replace",
  "delete",
  "refresh-changed",
  "refresh-removed",
]);

async function destroyAll(ctx: RunContext): Promise<void> {
  await deleteInDependencyOrder(ctx, [...ctx.state.resources]);
  if (ctx.failed) return;
  ctx.state.outputs = {};
  ctx.checkpoint();
}

function resultOf(ctx: RunContext, durationMs: number): RunResult {
  const { settings } = ctx;
  const counts = Object.fromEntries(RESOURCE_OPS.map((op) => [op, 0])) as OpCounts;
  for (const resource of ctx.results) counts[resource.op]++;
  const outputs: WireObject =
    settings.command === "up" || settings.command === "preview"
      ? (ctx.stackOutputs ?? {})
      : ctx.state.outputs;
  return {
    command: settings.command,
    project: settings.project,
    stack: settings.stack,
    resources: ctx.results,
    counts,
    changes: ctx.results.filter((resource) => CHANGING_OPS.has(resource.op)).length,
    outputs: presentObject(outputs),
    secretOutputs: secretKeysOf(outputs),
    logs: ctx.logs,
    stateFile: ctx.stateFile,
    processes: ctx.processes,
    durationMs,
  };
}

/** Runs `settings.command` and resolves with its result, or rejects with a LifecycleError. */
export async function executeRun(settings: RunSettings): Promise<RunResult> {
  const started = Date.now();
  const store = new StateStore(settings.stateDir);
  const ctx = new RunContext(settings, store, store.load(settings.project, settings.stack));
  const { command, project, stack } = settings;
  ctx.emit({ kind: "run-start", command, project, stack });
  try {
    if (command === "refresh") await refreshAll(ctx);
    else if (command === "destroy") await destroyAll(ctx);
    else await deployProgram(ctx);
  } catch (error) {
    ctx.fail({ kind: "runner", message: error instanceof Error ? error.message : String(error) });
  } finally {
    await ctx.close();
  }
  const durationMs = Date.now() - started;
  const result = resultOf(ctx, durationMs);
  ctx.emit({ kind: "run-finish", command, ok: !ctx.failed, counts: result.counts, durationMs });
  if (ctx.failed) throw new LifecycleError(result, ctx.errors);
  return result;
}
