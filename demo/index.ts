/**
 * `npm run demo`: runs examples/quickstart — certificates as code — up, shows what was issued, runs
 * a second up to show it is a no-op, then runs examples/consumer, a second stack that builds on the
 * quickstart's outputs through a StackReference, and destroys both (unless `--keep`). Uses the real
 * `pulumi` CLI when one is on PATH, otherwise certplane's lifecycle runner.
 */
import * as path from "node:path";
import { cliEngine, pulumiOnPath } from "./cliEngine";
import type { DemoEngine, DemoRun } from "./engine";
import { USAGE, parseOptions, type DemoOptions } from "./options";
import { REPO_ROOT } from "./packageLink";
import { renderReport } from "./report";
import { runnerEngine } from "./runnerEngine";
import { startSimulator } from "../simulator";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const print = (line: string) => process.stdout.write(`${line}\n`);

function countsLine(run: DemoRun): string {
  const parts = Object.entries(run.counts)
    .filter(([, count]) => count > 0)
    .map(([op, count]) => `${count} ${op}`);
  return `${parts.join(", ") || "nothing"} in ${(run.durationMs / 1000).toFixed(1)}s`;
}

/** The engine for one example: the CLI runs it in its project folder, the runner its index.ts. */
function engineFor(
  example: "quickstart" | "consumer",
  options: DemoOptions,
  env: Record<string, string>,
): DemoEngine {
  if (options.engine === "cli") {
    // The quickstart's project is the repository's Pulumi.yaml (main: examples/quickstart).
    const projectDir = example === "quickstart" ? REPO_ROOT : path.join(EXAMPLES, example);
    return cliEngine(projectDir, path.join(REPO_ROOT, ".tmp", "demo-backend"), env, print);
  }
  const program = path.join(EXAMPLES, example, "index.ts");
  return runnerEngine(program, path.join(REPO_ROOT, ".tmp", "demo-state"), env, print);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), pulumiOnPath());
  if (options === "help") {
    print(USAGE);
    return;
  }
  // The vendors, on loopback: their CERTPLANE_* environment is all the programs need.
  const sim = await startSimulator();
  try {
    await runDemo(options, { ...sim.env });
  } finally {
    await sim.stop();
  }
}

async function runDemo(options: DemoOptions, env: Record<string, string>): Promise<void> {
  const quickstart = engineFor("quickstart", options, env);
  print(`certplane demo: examples/quickstart through the ${quickstart.name},`);
  print(`against the embedded vendor simulator (${env.CERTPLANE_SIMULATOR_CONTROL_URL})\n`);

  print("pulumi up");
  const first = await quickstart.up();
  print(`  ${countsLine(first)}\n`);
  print(renderReport(first.resources, first.outputs, first.secretOutputs));

  print("\npulumi up (again: nothing changed, so nothing may happen)");
  const second = await quickstart.up();
  print(`  ${countsLine(second)}`);
  if (second.changes !== 0) {
    throw new Error(`the second up made ${second.changes} change(s); it must be a no-op`);
  }

  print("\nexamples/consumer: a second stack reading the quickstart's outputs (StackReference)");
  const consumer = engineFor("consumer", options, env);
  const consumed = await consumer.up();
  print(`  ${countsLine(consumed)}\n`);
  print(renderReport(consumed.resources, consumed.outputs, consumed.secretOutputs));
  if (consumed.outputs.sharesQuickstartKey !== true) {
    throw new Error("the consumer's CSR does not carry the quickstart's key");
  }

  if (options.keep) {
    print("\n--keep: both stacks stay up; `npm run demo` again reuses them.");
    return;
  }
  print("\npulumi destroy (the consumer first: it depends on the quickstart's outputs)");
  const consumerGone = await consumer.destroy();
  print(`  consumer: ${countsLine(consumerGone)}`);
  const quickstartGone = await quickstart.destroy();
  print(`  quickstart: ${countsLine(quickstartGone)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
