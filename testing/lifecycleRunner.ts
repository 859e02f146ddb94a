/**
 * The public face of the lifecycle runner: a Pulumi engine stand-in for tests, examples and demos,
 * built from Pulumi's own parts (runtime mocks for the program, the real dynamic-provider process
 * over gRPC for the resources). See docs/testing.md.
 */
import { executeRun } from "./executeRun";
import { resolveSettings, settingsForRun, type RunnerSettings } from "./runnerSettings";
import { StateStore } from "./stateStore";
import type {
  LifecycleRunnerOptions,
  RunCommand,
  RunOverrides,
  RunResult,
  StackStateView,
} from "./types";
import { revealObject, secretKeysOf } from "./wire";

/**
 * Runs a Pulumi program's lifecycle — `up`, `preview`, `refresh`, `destroy` — against the real
 * dynamic-provider process, keeping state between runs like a Pulumi backend.
 *
 * Each run starts a fresh language host for the program and a fresh dynamic-provider process, and
 * stops both before it settles. Runs of one runner are queued, never concurrent. A failed run
 * rejects with a {@link LifecycleError}; what it did is kept in state.
 *
 * @example
 * ```ts
 * const runner = new LifecycleRunner({ program: "examples/quickstart/index.ts" });
 * const first = await runner.up();
 * assert.equal(first.counts.create, 3);
 * assert.equal((await runner.up()).changes, 0);
 * await runner.destroy();
 * ```
 */
export class LifecycleRunner {
  // Private fields, so that printing the runner never shows its configuration or environment
  // (secret config, tokens in env).
  readonly #settings: RunnerSettings;
  #queue: Promise<unknown> = Promise.resolve();

  /** @param options - see {@link LifecycleRunnerOptions} for each option and its default. */
  constructor(options: LifecycleRunnerOptions) {
    this.#settings = resolveSettings(options);
  }

  /** The project name in use. */
  get project(): string {
    return this.#settings.project;
  }

  /** The stack name in use. */
  get stack(): string {
    return this.#settings.stack;
  }

  /** The folder holding the state of every stack. */
  get stateDir(): string {
    return this.#settings.stateDir;
  }

  /** This stack's state file (it may not exist yet). */
  get stateFile(): string {
    return new StateStore(this.#settings.stateDir).fileOf(this.project, this.stack);
  }

  /**
   * Creates, updates, replaces and deletes resources until state matches the program, like
   * `pulumi up --yes --skip-preview`.
   */
  up(overrides?: RunOverrides): Promise<RunResult> {
    return this.enqueue("up", overrides);
  }

  /** Reports what {@link LifecycleRunner.up} would do; calls only Check and Diff, writes nothing. */
  preview(overrides?: RunOverrides): Promise<RunResult> {
    return this.enqueue("preview", overrides);
  }

  /** Reads every resource back from its provider and updates state, without running the program. */
  refresh(overrides?: RunOverrides): Promise<RunResult> {
    return this.enqueue("refresh", overrides);
  }

  /** Deletes every resource of the stack in reverse dependency order. */
  destroy(overrides?: RunOverrides): Promise<RunResult> {
    return this.enqueue("destroy", overrides);
  }

  /**
   * The stack's current state with every secret decrypted to its plain value (and listed): the way
   * to read a stack's secrets, where run results show them as `[secret]`. Print it only where
   * secrets may be seen.
   */
  state(): StackStateView {
    const store = new StateStore(this.#settings.stateDir);
    const state = store.load(this.project, this.stack);
    return {
      project: state.project,
      stack: state.stack,
      file: store.fileOf(this.project, this.stack),
      outputs: revealObject(state.outputs),
      secretOutputs: secretKeysOf(state.outputs),
      resources: state.resources.map((resource) => ({
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        custom: resource.custom,
        id: resource.id,
        inputs: revealObject(resource.inputs),
        outputs: revealObject(resource.outputs),
        secretOutputs: secretKeysOf(resource.outputs),
        parent: resource.parent,
        dependencies: resource.dependencies,
        initErrors: resource.initErrors,
        pendingDeletion: resource.pendingDeletion,
        external: resource.external,
      })),
    };
  }

  private enqueue(command: RunCommand, overrides?: RunOverrides): Promise<RunResult> {
    const run = settingsForRun(this.#settings, command, overrides);
    const next = this.#queue.then(() => executeRun(run));
    // A failed run must not block the ones queued after it.
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
