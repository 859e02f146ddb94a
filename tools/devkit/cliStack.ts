/**
 * One stack of one program under the real Pulumi CLI, offline: a file backend, PULUMI_HOME and the
 * workspace all under `stateRoot`, the passphrase secrets provider, no update check, no plugin
 * downloads. Operations run in a worker process (tools/devkit/stackWorker.ts) as Automation API inline
 * programs; `pulumi stack export` / `stack output` run the CLI directly, as a user would.
 */
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageNodePath } from "./packageLink";
import type { PulumiCli } from "./pulumiCli";
import type { WorkerOperation, WorkerReply, WorkerRequest } from "./stackProtocol";

/** Options of a {@link CliStack}. */
export interface CliStackOptions {
  /** Absolute path of the program module (e.g. examples/quickstart/index.ts). */
  program: string;
  /** @default - `name` in the Pulumi.yaml beside the program */
  projectName?: string;
  stackName: string;
  /**
   * Folder for the backend (`backend/`), `PULUMI_HOME` (`home/`) and the workspace (`work/<project>`).
   * It must lie inside a project that has `@pulumi/pulumi` installed (e.g. the repository's `.tmp/`):
   * the engine starts the dynamic-provider plugin in the workspace, and the plugin resolves
   * `@pulumi/pulumi` from there. Stacks sharing a `stateRoot` share a backend (StackReference).
   */
  stateRoot: string;
  cli: PulumiCli;
  /** Environment for the program, the CLI and the provider (e.g. the simulator's CERTPLANE_*). */
  env: Record<string, string>;
  /** @default "certplane-local" — the passphrase of a local test stack, not a pattern for real ones */
  passphrase?: string;
  /** Receives the CLI's output as it prints it. */
  onOutput?: (text: string) => void;
  /**
   * Longest an operation may take before the worker is stopped.
   * @default 600000
   */
  timeoutMs?: number;
}

/** What an operation did, as the engine reported it. */
export type OperationResult = Required<Pick<WorkerReply, "steps" | "output">> & WorkerReply;

/** Thrown when an operation fails; carries the engine's steps and the CLI's output. */
export class CliOperationError extends Error {
  constructor(
    readonly kind: string,
    readonly result: OperationResult,
  ) {
    super(`pulumi ${kind} failed: ${result.error ?? "(no message)"}`);
    this.name = "CliOperationError";
  }
}

/** The Pulumi.yaml `name:` of a program's project. */
function projectNameOf(program: string): string {
  const yaml = fs.readFileSync(path.join(path.dirname(program), "Pulumi.yaml"), "utf8");
  const name = /^name:\s*(\S+)/m.exec(yaml)?.[1];
  if (!name) throw new Error(`no name: in the Pulumi.yaml beside ${program}`);
  return name;
}

/** The environment every CLI run gets: offline, local, no prompts. */
export function offlineEnvironment(stateRoot: string, passphrase: string): Record<string, string> {
  const backend = path.join(stateRoot, "backend");
  const home = path.join(stateRoot, "home");
  fs.mkdirSync(backend, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  return {
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_HOME: home,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

/** Drives one stack through the real CLI. Call {@link close} when done. */
export class CliStack {
  readonly projectName: string;
  /** The workspace folder (Pulumi.yaml, stack settings). */
  readonly workDir: string;
  /** Every CLI run's environment (secrets included: never print it). */
  readonly env: Record<string, string>;
  private worker: ChildProcess | undefined;
  private opened: Promise<void> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: WorkerReply) => void>();

  constructor(private readonly options: CliStackOptions) {
    this.projectName = options.projectName ?? projectNameOf(options.program);
    this.workDir = path.join(options.stateRoot, "work", this.projectName);
    fs.mkdirSync(this.workDir, { recursive: true });
    const nodePath = [packageNodePath(), process.env.NODE_PATH].filter(Boolean);
    this.env = {
      ...options.env,
      ...offlineEnvironment(options.stateRoot, options.passphrase ?? "certplane-local"),
      // The program and the dynamic provider resolve `pulumi-certplane` through this folder.
      NODE_PATH: nodePath.join(path.delimiter),
    };
  }

  /** The stack's fully qualified name on the file backend. */
  get qualifiedName(): string {
    return `organization/${this.projectName}/${this.options.stackName}`;
  }

  up(operation: Omit<WorkerOperation, "kind" | "expectNoChanges"> = {}): Promise<OperationResult> {
    return this.run({ ...operation, kind: "up" });
  }

  preview(operation: Omit<WorkerOperation, "kind"> = {}): Promise<OperationResult> {
    return this.run({ ...operation, kind: "preview" });
  }

  refresh(operation: Omit<WorkerOperation, "kind"> = {}): Promise<OperationResult> {
    return this.run({ ...operation, kind: "refresh" });
  }

  destroy(operation: Omit<WorkerOperation, "kind"> = {}): Promise<OperationResult> {
    return this.run({ ...operation, kind: "destroy" });
  }

  /**
   * Runs an operation and returns what happened, failed or not (no throw on a failed update).
   * After a failed operation the worker is replaced: the program's runtime in that process may
   * still hold the failed run's work, and the next run gets a process of its own.
   */
  async attempt(operation: WorkerOperation): Promise<OperationResult> {
    await this.open();
    const reply = await this.send(operation);
    if (!reply.ok) await this.close();
    return { steps: [], output: "", ...reply };
  }

  /** Runs an operation; throws {@link CliOperationError} when it fails. */
  async run(operation: WorkerOperation): Promise<OperationResult> {
    const result = await this.attempt(operation);
    if (!result.ok) throw new CliOperationError(operation.kind, result);
    return result;
  }

  /** Runs `pulumi <args> --stack <stack>` in the workspace and returns its stdout. */
  cli(args: string[]): string {
    const run = spawnSync(
      path.join(this.options.cli.binDir, "pulumi"),
      [...args, "--stack", this.qualifiedName, "--non-interactive"],
      {
        cwd: this.workDir,
        env: { ...process.env, ...this.env },
        encoding: "utf8",
        timeout: 300_000,
        // A checkpoint of hundreds of resources is megabytes (each one carries its __provider).
        maxBuffer: 1024 * 1024 * 1024,
      },
    );
    if (run.status !== 0) {
      const why = run.error ? run.error.message : `exit ${run.status ?? run.signal}`;
      throw new Error(`pulumi ${args.join(" ")} failed (${why}): ${run.stderr}`);
    }
    return run.stdout;
  }

  /** `pulumi stack export`: the checkpoint, secrets as ciphertext. */
  exportState(): StackExport {
    return JSON.parse(this.cli(["stack", "export"])) as StackExport;
  }

  /** `pulumi stack output --json`: secret outputs masked as `"[secret]"`. */
  outputs(): Record<string, unknown> {
    return JSON.parse(this.cli(["stack", "output", "--json"])) as Record<string, unknown>;
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.opened = undefined;
    if (!worker || worker.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    stopWorker(worker);
    await exited;
  }

  private open(): Promise<void> {
    this.opened ??= (async () => {
      // The worker runs under tsx, as the demo and the tests do: the programs it loads are
      // TypeScript.
      const workerFile = path.join(__dirname, `stackWorker${path.extname(__filename)}`);
      const worker = fork(workerFile, [], {
        execArgv: ["--import", "tsx"],
        env: { ...process.env, ...this.env },
        stdio: ["ignore", "pipe", "pipe", "ipc"],
      });
      this.worker = worker;
      // The program's own console output, forwarded like the CLI's.
      const forward = (chunk: Buffer) => this.options.onOutput?.(chunk.toString("utf8"));
      worker.stdout?.on("data", forward);
      worker.stderr?.on("data", forward);
      worker.on("message", (message: { id: number; reply?: WorkerReply; output?: string }) => {
        if (message.output !== undefined) this.options.onOutput?.(message.output);
        if (message.reply) {
          this.pending.get(message.id)?.(message.reply);
          this.pending.delete(message.id);
        }
      });
      worker.on("exit", (code, signal) => {
        for (const resolve of this.pending.values()) {
          resolve({ ok: false, error: `the stack worker exited (${code ?? signal})` });
        }
        this.pending.clear();
      });
      const reply = await this.send({
        kind: "open",
        program: this.options.program,
        projectName: this.projectName,
        stackName: this.options.stackName,
        workDir: this.workDir,
        cliRoot: path.dirname(this.options.cli.binDir),
        env: this.env,
      });
      if (!reply.ok) throw new Error(`could not open the stack: ${reply.error}`);
    })();
    return this.opened;
  }

  private send(request: WorkerRequest): Promise<WorkerReply> {
    const worker = this.worker;
    if (!worker) return Promise.resolve({ ok: false, error: "the stack worker is not running" });
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 600_000;
    return new Promise<WorkerReply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        stopWorker(worker);
        resolve({ ok: false, error: `pulumi ${request.kind} took longer than ${timeoutMs} ms` });
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      worker.send({ id, request });
    });
  }
}

/**
 * Closes the worker's channel: it cancels a running operation (the CLI then releases the stack's
 * lock) and exits; killed if it has not within 40 seconds.
 */
function stopWorker(worker: ChildProcess): void {
  if (worker.connected) worker.disconnect();
  const timer = setTimeout(() => worker.kill("SIGKILL"), 40_000);
  timer.unref();
  worker.once("exit", () => clearTimeout(timer));
}

/** The parts of `pulumi stack export` the callers read. */
export interface StackExport {
  version: number;
  deployment: {
    secrets_providers?: { type: string };
    resources?: ExportedResource[];
  };
}

/** One resource in `pulumi stack export`. */
export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
  pendingReplacement?: boolean;
  /** URNs it depends on (explicit and property dependencies; the parent is kept apart). */
  dependencies?: string[];
  parent?: string;
}
