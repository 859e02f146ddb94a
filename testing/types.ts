/**
 * Public types of the lifecycle runner: its options, the result of each run, and its progress
 * events.
 */

/**
 * A stack configuration value: a plain string, or `{ secret }` for a secret one.
 *
 * Secret values reach the program as secrets (`config.requireSecret`) and the provider's
 * `configure` in plain text, as with `pulumi config set --secret`.
 */
export type ConfigValue = string | { secret: string };

/** Stack configuration by key, e.g. `{"certplane:pcaToken": {secret: "…"}, "count": "3"}`. */
export type StackConfig = Record<string, ConfigValue>;

/** Options of a {@link LifecycleRunner}. */
export interface LifecycleRunnerOptions {
  /**
   * The Pulumi program: a module whose exports become stack outputs (or whose default export is a
   * function returning them). TypeScript programs run through `tsx`, which must be resolvable from
   * the project or from this package.
   *
   * Relative paths resolve from the current working directory.
   */
  program: string;
  /**
   * The project folder: working directory of the program and of the dynamic-provider process,
   * whose `node_modules` the provider's serialized code resolves packages from.
   *
   * @default - the program's folder
   */
  projectDir?: string;
  /**
   * The project name (the first part of config keys without a namespace, and of URNs).
   *
   * @default - `name` in `<projectDir>/Pulumi.yaml`, else the project folder's name
   */
  project?: string;
  /**
   * The stack name.
   *
   * @default "dev"
   */
  stack?: string;
  /**
   * Folder holding the state of every stack (`<stateDir>/<project>/<stack>.json`) and the key that
   * encrypts their secrets (`secrets.key`). Stacks sharing a folder can reference each other.
   *
   * @default - `<projectDir>/.certplane`
   */
  stateDir?: string;
  /**
   * Stack configuration. Keys without a `namespace:` get the project name, like
   * `pulumi config set`.
   *
   * @default {}
   */
  config?: StackConfig;
  /**
   * Extra environment for the program and the provider process (e.g. `CERTPLANE_NOW` to move the
   * provider's clock), over this process's environment.
   *
   * @default {}
   */
  env?: Record<string, string>;
  /**
   * Extra `NODE_PATH` folders for the provider process (and the program), searched when the
   * serialized provider code `require`s a package by name.
   *
   * @default []
   */
  nodePath?: string[];
  /**
   * Module exporting fakes for resource types no dynamic provider serves (e.g. `@pulumi/tls`):
   * an object (or a default export) mapping a type token to `(inputs, name) => ({ id, state })`,
   * and a function token to `(args) => result` for invokes. Types without a fake echo their
   * inputs as outputs with id `<name>-id`.
   *
   * @default - no fakes
   */
  fakes?: string;
  /**
   * Maximum number of resource operations in flight, like `pulumi up --parallel`.
   *
   * @default 16
   */
  parallel?: number;
  /**
   * Receives progress: each resource operation's start and end, failures and log lines.
   *
   * @default - no progress reporting
   */
  onEvent?: (event: RunnerEvent) => void;
}

/** Per-run overrides: merged over the constructor's options for one run only. */
export interface RunOverrides {
  /**
   * Configuration merged over the runner's.
   *
   * @default {}
   */
  config?: StackConfig;
  /**
   * Environment merged over the runner's.
   *
   * @default {}
   */
  env?: Record<string, string>;
  /**
   * Maximum operations in flight for this run.
   *
   * @default - the runner's `parallel`
   */
  parallel?: number;
}

/** The commands a runner runs, named after the `pulumi` CLI commands. */
export type RunCommand = "up" | "preview" | "refresh" | "destroy";

/**
 * What happened to a resource in a run.
 *
 * `up`/`preview`: `create`, `same`, `update`, `replace`, `delete` (gone from the program), `read`
 * (a `StackReference` or a resource `get`). `refresh`: `refresh-same`, `refresh-changed`,
 * `refresh-removed` (the provider's `read` returned no id). `destroy`: `delete`. In a preview
 * each op is what `up` would do; nothing is created, changed or deleted.
 */
export type ResourceOp =
  | "create"
  | "same"
  | "update"
  | "replace"
  | "delete"
  | "read"
  | "refresh-same"
  | "refresh-changed"
  | "refresh-removed";

/** Every {@link ResourceOp}, in display order. */
export const RESOURCE_OPS: readonly ResourceOp[] = [
  "create",
  "same",
  "update",
  "replace",
  "delete",
  "read",
  "refresh-same",
  "refresh-changed",
  "refresh-removed",
];

/** One resource in a run's result. */
export interface ResourceResult {
  /** The resource's URN, `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
  urn: string;
  /** The type token, e.g. `pulumi-nodejs:dynamic/certplane:CertificateRequest`. */
  type: string;
  /** The name the program gave the resource. */
  name: string;
  /** What the run did to the resource. */
  op: ResourceOp;
  /** False for component resources. */
  custom: boolean;
  /** Provider id; `""` for components and for resources a preview would create. */
  id: string;
  /**
   * Checked inputs, each secret one (see `secretInputs`) a `Secret` that prints as
   * `[secret]`; `__provider` left out. In a preview, values not known yet are {@link UNKNOWN}.
   */
  inputs: Record<string, unknown>;
  /**
   * Outputs, each secret one (see `secretOutputs`) a `Secret` that prints as `[secret]`
   * (`.reveal()` gives the value); `__provider` left out.
   */
  outputs: Record<string, unknown>;
  /** Names of the inputs that are secret. */
  secretInputs: string[];
  /** Names of the outputs that are secret (same-named secret inputs, `additionalSecretOutputs`). */
  secretOutputs: string[];
  /** Present when the provider created the resource but reported it failed to initialize. */
  initErrors?: string[];
}

/** A line a child process printed. */
export interface LogLine {
  /** `program`: the language host running the program; `provider`: the dynamic provider. */
  source: "program" | "provider";
  /** The stream the line was printed on. */
  stream: "stdout" | "stderr";
  /** The line, without its line break. */
  text: string;
}

/** A child process a run started (all are stopped before the run returns). */
export interface ChildProcessRecord {
  /** `program`: the language host; `provider`: the dynamic-provider process. */
  role: "program" | "provider";
  /** Its process id (no longer running when the run settles). */
  pid: number;
}

/** Number of resources per {@link ResourceOp}. */
export type OpCounts = Record<ResourceOp, number>;

/** The result of one run. */
export interface RunResult {
  /** The command that ran. */
  command: RunCommand;
  /** The project name. */
  project: string;
  /** The stack name. */
  stack: string;
  /** Resources in the order their operation finished (deletions last). */
  resources: ResourceResult[];
  /** Resources by op; every op is present, most are 0. */
  counts: OpCounts;
  /**
   * Number of resources created, updated, replaced, deleted, or changed or removed by a refresh
   * (for a preview: that would be). 0 for a second `up` of an unchanged program.
   */
  changes: number;
  /**
   * Stack outputs, each secret one (see `secretOutputs`) a `Secret` that prints as
   * `[secret]`; empty for refresh and destroy.
   */
  outputs: Record<string, unknown>;
  /** Names of the stack outputs that are secret. */
  secretOutputs: string[];
  /** Everything the program and the provider process printed. */
  logs: LogLine[];
  /** The stack's state file (not written by a preview). */
  stateFile: string;
  /** The child processes this run started and stopped. */
  processes: ChildProcessRecord[];
  /** Wall-clock duration of the run. */
  durationMs: number;
}

/** A property the provider's `check` rejected. */
export interface CheckFailure {
  /** The input property the provider named. */
  property: string;
  /** Why the provider rejected it. */
  reason: string;
}

/** One failure of a run. */
export interface ResourceError {
  /**
   * `check`: the provider's check rejected inputs (see `failures`); `provider`: a provider call
   * failed; `program`: the program itself failed; `runner`: the runner could not do its part.
   */
  kind: "check" | "provider" | "program" | "runner";
  /** What went wrong, from the provider, the program or the runner. */
  message: string;
  /** The resource, when the error belongs to one. */
  urn?: string;
  /** The resource's type token. */
  type?: string;
  /** The resource's name. */
  name?: string;
  /** The operation that failed. */
  op?: ResourceOp;
  /** For `check`: every property the provider rejected. */
  failures?: CheckFailure[];
  /** Set when the provider created the object but it failed to initialize (a partial create). */
  partial?: { id: string; reasons: string[] };
}

/** Progress of a run, for a demo or a log. */
export type RunnerEvent =
  | { kind: "run-start"; command: RunCommand; project: string; stack: string }
  | { kind: "step-start"; op: ResourceOp; urn: string; type: string; name: string }
  | {
      kind: "step-finish";
      op: ResourceOp;
      urn: string;
      type: string;
      name: string;
      id: string;
      durationMs: number;
    }
  | { kind: "step-fail"; error: ResourceError }
  | { kind: "log"; line: LogLine }
  | { kind: "run-finish"; command: RunCommand; ok: boolean; counts: OpCounts; durationMs: number };

/** A resource in a stack's state, as {@link LifecycleRunner.state} shows it. */
export interface StateResourceView {
  /** The resource's URN. */
  urn: string;
  /** Its type token. */
  type: string;
  /** Its name in the program. */
  name: string;
  /** False for components. */
  custom: boolean;
  /** Provider id; `""` for components. */
  id: string;
  /** Checked inputs, secrets decrypted, including `__provider` for dynamic resources. */
  inputs: Record<string, unknown>;
  /** Outputs, secrets decrypted. */
  outputs: Record<string, unknown>;
  /** Names of the outputs stored encrypted. */
  secretOutputs: string[];
  /** The parent's URN. */
  parent?: string;
  /** URNs it depends on (explicit and property links; the parent is `parent`): deleted before them. */
  dependencies: string[];
  /** Set after a partial create or update: the next `up` updates the resource. */
  initErrors?: string[];
  /** An old copy of a create-before-delete replacement still to be deleted. */
  pendingDeletion?: boolean;
  /** Read, not managed (a StackReference or `get`): forgotten, never deleted. */
  external?: boolean;
}

/** A stack's state with secrets decrypted. */
export interface StackStateView {
  /** The project name. */
  project: string;
  /** The stack name. */
  stack: string;
  /** The state file; it may not exist yet. */
  file: string;
  /** Every resource in state. */
  resources: StateResourceView[];
  /** Stack outputs of the last successful `up`, secrets decrypted. */
  outputs: Record<string, unknown>;
  /** Names of the secret stack outputs. */
  secretOutputs: string[];
}
