/**
 * `npm run demo`: runs examples/quickstart — certificates as code — up, shows what was issued, runs
 * a second up to show it is a no-op, then destroys the stack (unless `--keep`). Uses the real
 * `pulumi` CLI when one is on PATH, otherwise certplane's lifecycle runner.
 */
import * as path from "node:path";
import { cliEngine, pulumiOnPath } from "./cliEngine";
import type { DemoRun } from "./engine";
import { USAGE, parseOptions } from "./options";
import { REPO_ROOT } from "./packageLink";
import { renderReport } from "./report";
import { runnerEngine } from "./runnerEngine";

const PROGRAM = path.join(REPO_ROOT, "examples", "quickstart", "index.ts");
const print = (line: string) => process.stdout.write(`${line}\n`);

function countsLine(run: DemoRun): string {
  const parts = Object.entries(run.counts)
    .filter(([, count]) => count > 0)
    .map(([op, count]) => `${count} ${op}`);
  return `${parts.join(", ") || "nothing"} in ${(run.durationMs / 1000).toFixed(1)}s`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), pulumiOnPath());
  if (options === "help") {
    print(USAGE);
    return;
  }
  const env: Record<string, string> = {};
  const engine =
    options.engine === "cli"
      ? cliEngine(path.join(REPO_ROOT, ".tmp", "demo-backend"), env, print)
      : runnerEngine(PROGRAM, path.join(REPO_ROOT, ".tmp", "demo-state"), env, print);
  print(`certplane demo: examples/quickstart through the ${engine.name}\n`);

  print("pulumi up");
  const first = await engine.up();
  print(`  ${countsLine(first)}\n`);
  print(renderReport(first.resources, first.outputs, first.secretOutputs));

  print("\npulumi up (again: nothing changed, so nothing may happen)");
  const second = await engine.up();
  print(`  ${countsLine(second)}`);
  if (second.changes !== 0) {
    throw new Error(`the second up made ${second.changes} change(s); it must be a no-op`);
  }

  if (options.keep) {
    print("\n--keep: the stack stays up; `npm run demo` again reuses it.");
    return;
  }
  print("\npulumi destroy");
  const destroyed = await engine.destroy();
  print(`  ${countsLine(destroyed)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
