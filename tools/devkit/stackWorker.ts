/**
 * A child process that runs one Pulumi program under the real CLI as an Automation API inline program
 * (the Node.js language host cannot be built here; an inline program needs none: this process serves
 * the language runtime to the engine itself). {@link CliStack} forks it and sends it operations over
 * IPC, one at a time.
 *
 * Why a child process: a program is a module whose top level registers the resources, and Node runs a
 * module once per process. The worker deletes the program from `require.cache` before every run, so
 * each operation executes it afresh; and the parent (a test or the demo) keeps no Pulumi runtime state.
 */
import {
  LocalWorkspace,
  PulumiCommand,
  type ConfigMap,
  type EngineEvent,
  type Stack,
} from "@pulumi/pulumi/automation";
import type { WorkerReply, WorkerRequest, WorkerSetup, EngineStep } from "./stackProtocol";

let stack: Stack | undefined;
let setup: WorkerSetup | undefined;
/** Cancels the running operation when the parent goes away (the CLI then releases the stack lock). */
const abort = new AbortController();

/** Runs the program afresh: its exports are the stack outputs. */
async function program(): Promise<Record<string, unknown>> {
  const file = require.resolve(setup!.program);
  delete require.cache[file];
  return { ...(require(file) as Record<string, unknown>) };
}

async function open(request: WorkerSetup): Promise<Stack> {
  setup = request;
  const pulumiCommand = await PulumiCommand.get({ root: request.cliRoot });
  return LocalWorkspace.createOrSelectStack(
    { projectName: request.projectName, stackName: request.stackName, program },
    {
      workDir: request.workDir,
      pulumiCommand,
      envVars: { ...request.env },
      projectSettings: { name: request.projectName, runtime: "nodejs" },
      secretsProvider: "passphrase",
    },
  );
}

/** The part of an engine event the callers read: which step happened to which resource, when. */
function stepOf(event: EngineEvent): EngineStep | undefined {
  const step =
    (event.resourcePreEvent && { phase: "pre" as const, meta: event.resourcePreEvent.metadata }) ||
    (event.resOutputsEvent && { phase: "done" as const, meta: event.resOutputsEvent.metadata }) ||
    (event.resOpFailedEvent && { phase: "failed" as const, meta: event.resOpFailedEvent.metadata });
  if (!step) return undefined;
  return {
    sequence: event.sequence,
    phase: step.phase,
    op: step.meta.op,
    urn: step.meta.urn,
    type: step.meta.type,
    diffs: step.meta.diffs ?? [],
    initErrors: step.meta.new?.initErrors ?? [],
  };
}

async function run(request: WorkerRequest, report: (text: string) => void): Promise<WorkerReply> {
  if (request.kind === "open") {
    stack = await open(request);
    return { ok: true };
  }
  if (!stack) throw new Error("the worker got an operation before `open`");
  const workspace = stack.workspace as LocalWorkspace;
  // Per-operation environment (e.g. a moved provider clock) on top of the stack's own.
  const baseEnv = { ...workspace.envVars };
  Object.assign(workspace.envVars, request.env ?? {});
  const steps: EngineStep[] = [];
  const output: string[] = [];
  const onEvent = (event: EngineEvent) => {
    const step = stepOf(event);
    if (step) steps.push(step);
  };
  const onOutput = (text: string) => {
    output.push(text);
    report(text);
  };
  try {
    if (request.config) await stack.setAllConfig(request.config as ConfigMap);
    switch (request.kind) {
      case "up": {
        const result = await stack.up({
          onEvent,
          onOutput,
          signal: abort.signal,
          parallel: request.parallel,
        });
        return {
          ok: true,
          steps,
          output: output.join(""),
          summary: result.summary.resourceChanges,
        };
      }
      case "preview": {
        const result = await stack.preview({
          onEvent,
          onOutput,
          expectNoChanges: request.expectNoChanges,
          signal: abort.signal,
          parallel: request.parallel,
        });
        return { ok: true, steps, output: output.join(""), summary: result.changeSummary };
      }
      case "refresh": {
        const result = await stack.refresh({ onEvent, onOutput, signal: abort.signal });
        return {
          ok: true,
          steps,
          output: output.join(""),
          summary: result.summary.resourceChanges,
        };
      }
      case "destroy": {
        const result = await stack.destroy({ onEvent, onOutput, signal: abort.signal });
        return {
          ok: true,
          steps,
          output: output.join(""),
          summary: result.summary.resourceChanges,
        };
      }
    }
    throw new Error(`unknown operation ${JSON.stringify(request)}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message, steps, output: output.join("") };
  } finally {
    for (const key of Object.keys(workspace.envVars)) delete workspace.envVars[key];
    Object.assign(workspace.envVars, baseEnv);
  }
}

/** Operations in flight. */
let running = 0;

// The parent died or closed the channel: cancel what runs and leave, bounded.
process.on("disconnect", () => {
  abort.abort();
  setTimeout(() => process.exit(1), 30_000).unref();
  if (!running) process.exit(0);
});

process.on("message", (message: { id: number; request: WorkerRequest }) => {
  const send = (payload: object) => {
    if (process.connected) process.send!({ id: message.id, ...payload });
  };
  running++;
  run(message.request, (text) => send({ output: text }))
    .catch((error: unknown) => ({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    }))
    .then((reply) => {
      running--;
      send({ reply });
      if (!process.connected && !running) process.exit(1);
    });
});
