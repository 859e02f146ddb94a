/**
 * A Pulumi YAML program as a stack under the real CLI, run as a user runs it (`pulumi up` in the
 * project folder, the YAML language host beside `pulumi`, bin/pulumi-resource-certplane on PATH),
 * with the engine's events read from `--event-log` so a spec can see each step's order — what
 * ../../../tools/devkit/cliStack gives TypeScript programs through the Automation API.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { offlineEnvironment } from "../../../tools/devkit/cliStack";
import type { EngineStep } from "../../../tools/devkit/stackProtocol";
import { REPO_ROOT } from "../../support/packageLink";
import { requirePulumiCli } from "./engine";
import { runChecked, runCommand } from "./runCommand";

/** An engine step, with the keys whose change made it a replacement. */
export interface YamlStep extends EngineStep {
  /** The replace keys the provider's diff named (`metadata.keys`). */
  keys: string[];
}

/** What one operation did. */
export interface YamlOperation {
  steps: YamlStep[];
  /** What the CLI printed (stdout, then stderr). */
  output: string;
}

/** The longest one CLI command may take (the first also builds nothing: the host is built before). */
const COMMAND_TIMEOUT_MS = 300_000;

/** A YAML project folder's program as a stack named `dev` on `stateRoot`'s file backend. */
export class YamlStack {
  readonly workDir: string;
  private readonly env: Record<string, string>;
  private readonly pulumi: string;
  private readonly stack: string;
  private runs = 0;

  /**
   * @param projectDir - a folder holding the program's Pulumi.yaml (copied into the workspace).
   * @param stateRoot - ./engine's `engineStateRoot`.
   * @param env - variables for the CLI, the YAML host and the plugin (e.g. the simulator's).
   */
  constructor(
    projectDir: string,
    private readonly stateRoot: string,
    env: Record<string, string>,
  ) {
    const cli = requirePulumiCli();
    const yaml = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
    const project = /^name:\s*(\S+)/m.exec(yaml)?.[1];
    assert.ok(project, `no name: in ${projectDir}/Pulumi.yaml`);
    this.workDir = path.join(stateRoot, "work", project);
    fs.mkdirSync(this.workDir, { recursive: true });
    fs.writeFileSync(path.join(this.workDir, "Pulumi.yaml"), yaml);
    this.pulumi = path.join(cli.binDir, "pulumi");
    this.stack = `organization/${project}/dev`;
    this.env = {
      ...stringEnv(process.env),
      ...env,
      ...offlineEnvironment(stateRoot, "certplane-local"),
      // Turns on `--event-log` (the flag the Automation API uses too).
      PULUMI_DEBUG_COMMANDS: "true",
      // The engine finds pulumi-resource-certplane on PATH, as a user installs it.
      PATH: [path.join(REPO_ROOT, "bin"), cli.binDir, process.env.PATH].join(path.delimiter),
    };
  }

  /** Builds (once, minutes) the YAML host beside `pulumi`, then makes the stack. */
  async init(): Promise<void> {
    const binDir = path.dirname(this.pulumi);
    const build = path.join(REPO_ROOT, "tools", "pulumi-yaml", "build.sh");
    await runChecked({ file: "bash", args: [build, binDir], cwd: REPO_ROOT }, this.env, 900_000);
    await this.cli(["stack", "init", this.stack], {}, false);
  }

  /** `pulumi up --yes --skip-preview`, `env` over the stack's; fails unless it succeeds. */
  up(env: Record<string, string> = {}): Promise<YamlOperation> {
    return this.operate(["up", "--yes", "--skip-preview"], env);
  }

  /** `pulumi preview --expect-no-changes`; fails when anything would change. */
  previewNoChanges(env: Record<string, string> = {}): Promise<YamlOperation> {
    return this.operate(["preview", "--expect-no-changes"], env);
  }

  /** `pulumi refresh --yes --skip-preview`. */
  refresh(): Promise<YamlOperation> {
    return this.operate(["refresh", "--yes", "--skip-preview"], {});
  }

  /** `pulumi preview`: the steps the next `up` would take. */
  preview(): Promise<YamlOperation> {
    return this.operate(["preview"], {});
  }

  /** `pulumi stack export`: the checkpoint's text, secrets as ciphertext. */
  exportText(): Promise<string> {
    return this.cli(["stack", "export"]);
  }

  /** `pulumi stack output --json --show-secrets`. */
  async outputs(): Promise<Record<string, unknown>> {
    const stdout = await this.cli(["stack", "output", "--json", "--show-secrets"]);
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  /** `pulumi destroy --yes --skip-preview`. */
  destroy(): Promise<YamlOperation> {
    return this.operate(["destroy", "--yes", "--skip-preview"], {});
  }

  private async operate(args: string[], env: Record<string, string>): Promise<YamlOperation> {
    const eventLog = path.join(this.stateRoot, `events-${++this.runs}.jsonl`);
    const stdout = await this.cli([...args, "--event-log", eventLog], env);
    return { steps: readSteps(eventLog), output: stdout };
  }

  private async cli(
    args: string[],
    env: Record<string, string> = {},
    onStack = true,
  ): Promise<string> {
    const stackArgs = onStack ? ["--stack", this.stack] : [];
    const run = await runCommand(
      { file: this.pulumi, args: [...args, ...stackArgs, "--non-interactive"], cwd: this.workDir },
      { ...this.env, ...env },
      COMMAND_TIMEOUT_MS,
    );
    assert.equal(run.exitCode, 0, `pulumi ${args[0]} failed:\n${run.stdout}\n${run.stderr}`);
    return `${run.stdout}\n${run.stderr}`;
  }
}

/** Step metadata as the event log writes it. */
interface StepMetadata {
  op: string;
  urn: string;
  type: string;
  diffs?: string[];
  keys?: string[];
  new?: { initErrors?: string[] };
}

/** The resource steps of an event log, in event order. */
function readSteps(file: string): YamlStep[] {
  const steps: YamlStep[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const event = JSON.parse(line) as {
      sequence: number;
      resourcePreEvent?: { metadata: StepMetadata };
      resOutputsEvent?: { metadata: StepMetadata };
      resOpFailedEvent?: { metadata: StepMetadata };
    };
    const found =
      (event.resourcePreEvent && {
        phase: "pre" as const,
        meta: event.resourcePreEvent.metadata,
      }) ||
      (event.resOutputsEvent && { phase: "done" as const, meta: event.resOutputsEvent.metadata }) ||
      (event.resOpFailedEvent && {
        phase: "failed" as const,
        meta: event.resOpFailedEvent.metadata,
      });
    if (!found) continue;
    steps.push({
      sequence: event.sequence,
      phase: found.phase,
      op: found.meta.op,
      urn: found.meta.urn,
      type: found.meta.type,
      diffs: found.meta.diffs ?? [],
      keys: found.meta.keys ?? [],
      initErrors: found.meta.new?.initErrors ?? [],
    });
  }
  return steps;
}

/** `process.env` without its unset entries. */
function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
