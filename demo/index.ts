/**
 * `npm run demo`: runs examples/quickstart — certificates as code — up, shows what was issued, runs
 * a second up to show it is a no-op, then runs examples/consumer, a second stack that builds on the
 * quickstart's outputs through a StackReference, and destroys both (unless `--keep`). Uses the real
 * Pulumi CLI when `make pulumi-cli` has built it or one is on PATH, otherwise certplane's lifecycle
 * runner, and says which.
 */
import * as path from "node:path";
import { cliEngine } from "./cliEngine";
import type { DemoEngine, DemoRun } from "./engine";
import { USAGE, parseOptions, type DemoOptions } from "./options";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import { findPulumiCli, type PulumiCli } from "../tools/devkit/pulumiCli";
import { renderReport } from "./report";
import { runnerEngine } from "./runnerEngine";
import { startSimulator } from "../simulator";
import { prepareStateFolder } from "./stateFolder";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const print = (line: string) => process.stdout.write(`${line}\n`);

function countsLine(run: DemoRun): string {
  const parts = Object.entries(run.counts)
    .filter(([, count]) => count > 0)
    .map(([op, count]) => `${count} ${op}`);
  return `${parts.join(", ") || "nothing"} in ${(run.durationMs / 1000).toFixed(1)}s`;
}

/** Where each engine keeps the demo's stacks (and the simulator's state beside them). */
function stateFolder(cli: PulumiCli | undefined): string {
  return path.join(REPO_ROOT, ".tmp", cli ? "demo-cli" : "demo-state");
}

/** The engine for one example's index.ts: the CLI (both stacks on one file backend) or the runner. */
function engineFor(
  example: "quickstart" | "consumer",
  cli: PulumiCli | undefined,
  env: Record<string, string>,
): DemoEngine {
  const program = path.join(EXAMPLES, example, "index.ts");
  if (cli) return cliEngine(program, stateFolder(cli), cli, env, print);
  return runnerEngine(program, stateFolder(cli), env, print);
}

async function main(): Promise<void> {
  const found = findPulumiCli();
  const options = parseOptions(process.argv.slice(2), found !== undefined);
  if (options === "help") {
    print(USAGE);
    return;
  }
  if (options.engine === "cli" && !found) {
    throw new Error(
      "--engine cli: no Pulumi CLI found. Build one with `make pulumi-cli`, or install it (https://www.pulumi.com/docs/install/).",
    );
  }
  const cli = options.engine === "cli" ? found : undefined;
  // The vendors, on loopback: their CERTPLANE_* environment is all the programs need. Their state
  // is kept beside the stacks', so stacks left up with --keep find their certificates (and the same
  // Frontdoor id, CA and credentials) in the next run's simulator.
  const folder = stateFolder(cli);
  prepareStateFolder(folder, path.relative(REPO_ROOT, folder), print);
  const sim = await startSimulator({ statePath: path.join(folder, "simulator.json") });
  const engines: DemoEngine[] = [];
  const engine = (example: "quickstart" | "consumer") => {
    const made = engineFor(example, cli, { ...sim.env });
    engines.push(made);
    return made;
  };
  try {
    await runDemo(options, engine, sim.env.CERTPLANE_SIMULATOR_CONTROL_URL);
  } finally {
    for (const made of engines) await made.close?.();
    await sim.stop();
  }
}

async function runDemo(
  options: DemoOptions,
  engineFor: (example: "quickstart" | "consumer") => DemoEngine,
  controlUrl: string | undefined,
): Promise<void> {
  const quickstart = engineFor("quickstart");
  print(`certplane demo: examples/quickstart through the ${quickstart.name},`);
  print(`against the embedded vendor simulator (${controlUrl})\n`);

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
  const consumer = engineFor("consumer");
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
