/** Runs the demo program through certplane's lifecycle runner (no Pulumi CLI needed). */
import * as path from "node:path";
import { LifecycleRunner } from "../testing";
import type { RunResult, RunnerEvent } from "../testing";
import type { DemoEngine, DemoRun } from "./engine";
import { REPO_ROOT, packageNodePath } from "../tools/devkit/packageLink";

const STEP_SYMBOL: Record<string, string> = {
  create: "+",
  update: "~",
  replace: "+-",
  delete: "-",
  same: " ",
  read: ">",
};

function progress(event: RunnerEvent, print: (line: string) => void): void {
  if (event.kind === "step-finish" && event.op !== "same") {
    const kind = event.type.split(":").pop() ?? event.type;
    const seconds = (event.durationMs / 1000).toFixed(1);
    print(
      `  ${(STEP_SYMBOL[event.op] ?? "?").padEnd(2)} ${event.op.padEnd(7)} ${kind} ${event.name} (${seconds}s)`,
    );
  } else if (event.kind === "step-fail") {
    print(`  !  failed  ${event.error.name ?? event.error.kind}: ${event.error.message}`);
  }
}

function toDemoRun(result: RunResult): DemoRun {
  return {
    changes: result.changes,
    counts: { ...result.counts },
    resources: result.resources,
    outputs: result.outputs,
    secretOutputs: result.secretOutputs,
    durationMs: result.durationMs,
  };
}

/**
 * The lifecycle-runner engine for `program`, keeping state in `stateDir`.
 * @param env - environment for the program and the provider (e.g. the simulator's CERTPLANE_*)
 */
export function runnerEngine(
  program: string,
  stateDir: string,
  env: Record<string, string>,
  print: (line: string) => void,
): DemoEngine {
  const runner = new LifecycleRunner({
    program,
    stack: "demo",
    stateDir,
    env,
    nodePath: [packageNodePath()],
    onEvent: (event) => progress(event, print),
  });
  return {
    name: `certplane lifecycle runner (state in ${path.relative(REPO_ROOT, stateDir)})`,
    up: async () => toDemoRun(await runner.up()),
    destroy: async () => toDemoRun(await runner.destroy()),
  };
}
