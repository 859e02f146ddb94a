/** The messages between {@link CliStack} and its worker process (tools/devkit/stackWorker.ts). */

/** Opens (creates or selects) the stack; the first message a worker gets. */
export interface WorkerSetup {
  kind: "open";
  /** Absolute path of the program module (its exports become stack outputs). */
  program: string;
  projectName: string;
  stackName: string;
  /** The workspace folder (Pulumi.yaml is written here); the dynamic provider starts in it. */
  workDir: string;
  /** The folder holding `bin/pulumi`. */
  cliRoot: string;
  /** Environment of every CLI run (offline settings, vendor connection). */
  env: Record<string, string>;
}

/** A stack configuration value as the Automation API takes it. */
export interface ConfigEntry {
  value: string;
  secret?: boolean;
}

/** One operation on the open stack. */
export interface WorkerOperation {
  kind: "up" | "preview" | "refresh" | "destroy";
  /** Environment for this operation only, over the stack's. */
  env?: Record<string, string>;
  /** Stack configuration set (and kept, like `pulumi config set`) before the operation. */
  config?: Record<string, ConfigEntry>;
  /** `preview --expect-no-changes`: the preview fails when anything would change. */
  expectNoChanges?: boolean;
  /** `--parallel`. */
  parallel?: number;
}

export type WorkerRequest = WorkerSetup | WorkerOperation;

/** One engine step event: a resource operation starting, finishing or failing. */
export interface EngineStep {
  /** The engine's event sequence number (events arrive in this order). */
  sequence: number;
  phase: "pre" | "done" | "failed";
  /** The engine's op: create, same, update, replace, create-replacement, delete-replaced, … */
  op: string;
  urn: string;
  type: string;
  /** Property names that differ. */
  diffs: string[];
  /** Initialization errors recorded with the new state (a partial create). */
  initErrors: string[];
}

/** The worker's answer. */
export interface WorkerReply {
  ok: boolean;
  /** The failure, as the Automation API reported it (the CLI's output included). */
  error?: string;
  steps?: EngineStep[];
  /** Everything the CLI printed. */
  output?: string;
  /** Resources per op, as the engine counted them. */
  summary?: Record<string, number>;
}
