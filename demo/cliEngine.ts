/**
 * Runs a demo program with the real Pulumi CLI (`pulumi up` / `destroy`) against a local file backend:
 * the CLI `make pulumi-cli` builds (or one on PATH), the program as an Automation API inline program
 * (tools/devkit/cliStack.ts). tests/engine runs every example the same way.
 */
import * as path from "node:path";
import { CliStack, type OperationResult } from "../tools/devkit/cliStack";
import type { DemoEngine, DemoRun } from "./engine";
import type { IssuedResource } from "./issued";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import type { PulumiCli } from "../tools/devkit/pulumiCli";

/** Printed by `pulumi stack output --json` in place of a secret value. */
const SECRET_PLACEHOLDER = "[secret]";

/** The engine's ops that change something. */
const CHANGING_OPS = ["create", "update", "replace", "delete"];

/**
 * The CLI engine for `program`, state under `stateRoot` (backend, PULUMI_HOME, workspace), the
 * passphrase secrets provider with a fixed demo passphrase — a demo stack on a local disk, not a
 * pattern for real stacks.
 * @param env - environment for the program and the provider (e.g. the simulator's CERTPLANE_*)
 */
export function cliEngine(
  program: string,
  stateRoot: string,
  cli: PulumiCli,
  env: Record<string, string>,
  print: (line: string) => void,
): DemoEngine {
  let partial = "";
  const stack = new CliStack({
    program,
    stackName: "demo",
    stateRoot,
    cli,
    env,
    passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? "certplane-demo",
    onOutput: (text) => {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) print(`  ${line}`);
    },
  });

  const report = (result: OperationResult, started: number): DemoRun => {
    const exported = stack.exportState();
    const resources: IssuedResource[] = (exported.deployment.resources ?? []).map((r) => ({
      type: r.type,
      name: r.urn.split("::").pop() ?? r.urn,
      outputs: r.outputs ?? {},
    }));
    const outputs = stack.outputs();
    const counts = result.summary ?? {};
    return {
      changes: CHANGING_OPS.reduce((sum, op) => sum + (counts[op] ?? 0), 0),
      counts,
      resources,
      outputs,
      secretOutputs: Object.keys(outputs).filter((name) => outputs[name] === SECRET_PLACEHOLDER),
      durationMs: Date.now() - started,
    };
  };

  return {
    name: `Pulumi CLI ${cli.version} from ${cli.source === "cache" ? "the `make pulumi-cli` cache" : "PATH"} (file backend in ${path.relative(REPO_ROOT, stateRoot)})`,
    up: async () => {
      const started = Date.now();
      return report(await stack.up(), started);
    },
    destroy: async () => {
      const started = Date.now();
      const result = await stack.destroy();
      const run = report(result, started);
      await stack.close();
      return run;
    },
    close: () => stack.close(),
  };
}
