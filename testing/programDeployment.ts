/**
 * `up` and `preview`: runs the program in a fresh language host, answers its registrations as they
 * come (the program only registers a resource once its inputs are resolved, so dependencies are
 * naturally ordered), then — if the program and every step succeeded — deletes what the program no
 * longer declares and the old copies of create-before-delete replacements, in reverse dependency
 * order, and records the stack outputs.
 */
import { deleteInDependencyOrder } from "./deletions";
import { ProgramHost } from "./programHost";
import { register, read, registerOutputs } from "./programRequests";
import type { RunContext } from "./runContext";
import { childEnvironment, plainConfig, secretConfigKeys } from "./runnerSettings";

/** Runs the program and the steps it causes. */
export async function deployProgram(ctx: RunContext): Promise<void> {
  const { settings } = ctx;
  // Started now so the provider boots while the program loads; failures surface at first use.
  ctx.provider().catch(() => undefined);
  const host = new ProgramHost({
    start: {
      type: "start",
      program: settings.program,
      project: settings.project,
      stack: settings.stack,
      preview: settings.preview,
      fakes: settings.fakes,
    },
    cwd: settings.projectDir,
    env: childEnvironment(settings, {
      // What Pulumi's language host hands a program.
      PULUMI_CONFIG: JSON.stringify(plainConfig(settings.config)),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretConfigKeys(settings.config)),
      PULUMI_NODEJS_PROJECT: settings.project,
      PULUMI_NODEJS_STACK: settings.stack,
      PULUMI_NODEJS_DRY_RUN: String(settings.preview),
      PULUMI_NODEJS_ROOT_DIRECTORY: settings.projectDir,
    }),
    handlers: {
      register: (registration) => register(ctx, registration),
      read: (request) => read(ctx, request),
      outputs: (urn, outputs) => registerOutputs(ctx, urn, outputs),
    },
    onLine: (line) => ctx.log(line),
  });
  ctx.adopt(host.child, "program");

  const end = await host.ended;
  ctx.stopping = true;
  await host.child.stop();
  await ctx.drain();
  // A program that failed because a step failed would only repeat that step's error.
  if (end.error && !ctx.failed) ctx.fail({ kind: "program", message: end.error });
  if (ctx.failed) return;

  const leftovers = ctx.state.resources.filter(
    (resource) => resource.pendingDeletion || !ctx.registered.has(resource.urn),
  );
  await deleteInDependencyOrder(ctx, leftovers, (resource) => !ctx.replacedThisRun.has(resource));
  if (ctx.failed || settings.preview) return;
  ctx.state.outputs = ctx.stackOutputs ?? {};
  ctx.checkpoint();
}
