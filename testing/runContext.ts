/**
 * Everything one run shares: its settings, the working copy of the stack's state (checkpointed
 * after every step, as the engine does), the provider process (started on first use), the
 * concurrency limit, and what goes into the result (resource outcomes, errors, logs, processes).
 */
import * as path from "node:path";
import { Limiter } from "./limiter";
import { ProviderClient } from "./providerClient";
import { startProviderProcess } from "./providerProcess";
import type { ManagedChild } from "./childProcesses";
import { loadPulumiModules, type PulumiModules } from "./pulumiModules";
import { childEnvironment, plainConfig, type RunSettings } from "./runnerSettings";
import type { ResourceState, StackState } from "./stackState";
import type { StateStore } from "./stateStore";
import type {
  ChildProcessRecord,
  LogLine,
  ResourceError,
  ResourceOp,
  ResourceResult,
  RunnerEvent,
} from "./types";
import { presentObject } from "./secretValue";
import { secretKeysOf, withSecretKeys, type WireObject } from "./wire";

const PROVIDER_KEY = "__provider";

/** Longest a state change waits before it is written (see {@link RunContext.checkpoint}). */
export const CHECKPOINT_INTERVAL_MS = 250;

/** The shared state of one run. */
export class RunContext {
  readonly limiter: Limiter;
  readonly results: ResourceResult[] = [];
  readonly errors: ResourceError[] = [];
  readonly logs: LogLine[] = [];
  readonly processes: ChildProcessRecord[] = [];
  readonly children: ManagedChild[] = [];
  /** URNs the program registered or read in this run (the rest of state is stale). */
  readonly registered = new Set<string>();
  /** Old copies replaced create-before-delete in this run: their deletion is part of the replace. */
  readonly replacedThisRun = new Set<ResourceState>();
  /** Stack outputs the program registered in this run. */
  stackOutputs: WireObject | undefined;
  /** Set once the program has ended: late requests are refused. */
  stopping = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private dirty = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private providerClient: Promise<ProviderClient> | undefined;
  private modulesInstance: PulumiModules | undefined;

  constructor(
    readonly settings: RunSettings,
    readonly store: StateStore,
    readonly state: StackState,
  ) {
    this.limiter = new Limiter(settings.parallel);
  }

  /** True once a step or the program has failed: no new step may start. */
  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** The engine-side modules of the program's SDK. */
  get modules(): PulumiModules {
    this.modulesInstance ??= loadPulumiModules(path.dirname(this.settings.program));
    return this.modulesInstance;
  }

  /** The configured provider client; starts the provider process on first use. */
  provider(): Promise<ProviderClient> {
    this.providerClient ??= this.startProvider();
    return this.providerClient;
  }

  private async startProvider(): Promise<ProviderClient> {
    const { settings } = this;
    const started = await startProviderProcess({
      entry: this.modules.dynamicProviderEntry,
      cwd: settings.projectDir,
      env: childEnvironment(settings, {
        // The provider's `configure` resolves config keys without a namespace against these.
        PULUMI_NODEJS_PROJECT: settings.project,
        PULUMI_NODEJS_STACK: settings.stack,
      }),
      onLine: (line) => this.log(line),
    });
    this.adopt(started.child, "provider");
    const client = new ProviderClient(this.modules, started.port);
    await client.configure(plainConfig(settings.config));
    return client;
  }

  /** Runs `work` as a step the run waits for in {@link RunContext.drain}. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Waits until no tracked step is in flight. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Tracks a child process so that {@link RunContext.close} stops it. */
  adopt(child: ManagedChild, role: ChildProcessRecord["role"]): void {
    this.children.push(child);
    this.processes.push({ role, pid: child.pid });
  }

  /** Stops every child process and closes the gRPC channel, whatever happened. */
  async close(): Promise<void> {
    this.flush();
    const client = await this.providerClient?.catch(() => undefined);
    client?.close();
    await Promise.all(this.children.map((child) => child.stop()));
  }

  emit(event: RunnerEvent): void {
    this.settings.onEvent?.(event);
  }

  log(line: LogLine): void {
    this.logs.push(line);
    this.emit({ kind: "log", line });
  }

  /** Records a failure and reports it. */
  fail(error: ResourceError): void {
    this.errors.push(error);
    this.emit({ kind: "step-fail", error });
  }

  /** Records the outcome of a resource. */
  record(op: ResourceOp, resource: ResourceState, secretInputs?: string[]): void {
    this.results.push(resultOf(op, resource, secretInputs));
  }

  /** The live (not pending deletion) state entry of `urn`. */
  live(urn: string): ResourceState | undefined {
    return this.state.resources.find((r) => r.urn === urn && !r.pendingDeletion);
  }

  /** Stores `resource` as the live entry of its URN, replacing the previous one. */
  put(resource: ResourceState): void {
    const index = this.state.resources.findIndex(
      (r) => r.urn === resource.urn && !r.pendingDeletion,
    );
    if (index >= 0) this.state.resources[index] = resource;
    else this.state.resources.push(resource);
    this.checkpoint();
  }

  /** Swaps exactly `previous` (by identity) for `next` in state. */
  replace(previous: ResourceState, next: ResourceState): void {
    this.state.resources = this.state.resources.map((r) => (r === previous ? next : r));
    this.checkpoint();
  }

  /** Drops exactly `resource` (by identity) from state. */
  remove(resource: ResourceState): void {
    this.state.resources = this.state.resources.filter((r) => r !== resource);
    this.checkpoint();
  }

  /**
   * Records that state changed. The write is coalesced: at most one per
   * {@link CHECKPOINT_INTERVAL_MS}, plus the final {@link flush} when the run settles. Writing the
   * whole file after every step made a 1,000-resource run quadratic (each write re-encrypts and
   * re-serializes every resource). A crash of the test process loses at most one interval of
   * steps. A preview never writes.
   */
  checkpoint(): void {
    if (this.settings.preview) return;
    this.dirty = true;
    this.flushTimer ??= setTimeout(() => this.flush(), CHECKPOINT_INTERVAL_MS);
  }

  /** Writes pending state changes now. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    this.store.save(this.state);
  }

  /** The state file of this stack. */
  get stateFile(): string {
    return this.store.fileOf(this.settings.project, this.settings.stack);
  }
}

function withoutProvider(value: WireObject): Record<string, unknown> {
  const { [PROVIDER_KEY]: _provider, ...rest } = presentObject(value);
  return rest;
}

/**
 * A resource as a run result shows it: each secret wrapped in a `Secret` (and listed), `__provider`
 * left out.
 */
export function resultOf(
  op: ResourceOp,
  resource: ResourceState,
  secretInputs = secretKeysOf(resource.inputs),
): ResourceResult {
  const result: ResourceResult = {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    op,
    custom: resource.custom,
    id: resource.id,
    inputs: withoutProvider(withSecretKeys(resource.inputs, secretInputs)),
    outputs: withoutProvider(resource.outputs),
    secretInputs,
    secretOutputs: secretKeysOf(resource.outputs),
  };
  if (resource.initErrors?.length) result.initErrors = resource.initErrors;
  return result;
}
