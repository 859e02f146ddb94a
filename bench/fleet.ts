/**
 * How `up` time grows with the number of certificates in one stack on a file (DIY) backend, through
 * the real Pulumi CLI and the native plugin's door (bench/programs/manyPcaCertsNative.ts: N ECDSA
 * P-256 CertificateRequests and pca.SignedCertificates against the simulator, `--parallel` 8). For
 * each N (BENCH_FLEET_N, a comma-separated list; default 100, 500 and 1,000):
 * - **first up**: issuing all N into an empty stack, the engine saving the checkpoint after every
 *   step as it does by default;
 * - **no-change up**: the same program again (the daily renewal job on a day nothing is due); every
 *   step must be `same`;
 * - **first up, PULUMI_SKIP_CHECKPOINTS**: issuing all N into a second empty stack with the
 *   checkpoint saved once at the end;
 * - the checkpoint's size, and the ms per certificate of each `up`, so growth shows as a rising
 *   per-certificate cost. Destroys follow, not timed (with PULUMI_SKIP_CHECKPOINTS, to be quick).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliStack } from "../tools/devkit/cliStack";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import type { PulumiCli } from "../tools/devkit/pulumiCli";
import { cliWithPlugin, DOORS, ECDSA } from "./doors";
import { startPcaSimulatorProcess } from "./simulatorProcess";
import { pcaEnvironment, type PcaEndpoint } from "./throughputLoops";

const PARALLEL = 8;
const DEFAULT_COUNTS = [100, 500, 1000];
/** Longest one operation of N certificates may take on a loaded machine. */
const OPERATION_TIMEOUT_MS = 3_600_000;
const PLUGIN = DOORS.find((door) => door.name === "plugin")!;
const SKIP_CHECKPOINTS = { PULUMI_SKIP_CHECKPOINTS: "true" };

/** One N: the three timed `up`s and the checkpoint they leave. */
export interface FleetRow {
  count: number;
  firstUpSeconds: number;
  noChangeUpSeconds: number;
  skipCheckpointsUpSeconds: number;
  checkpointBytes: number;
}

/** N values from BENCH_FLEET_N ("100,500,1000"), else 100, 500 and 1,000. */
export function fleetCounts(raw = process.env.BENCH_FLEET_N): number[] {
  if (raw === undefined || raw.trim() === "") return DEFAULT_COUNTS;
  const counts = raw.split(",").map((part) => part.trim());
  if (counts.some((count) => !/^[1-9]\d*$/.test(count))) {
    throw new Error(
      `BENCH_FLEET_N must be positive whole numbers separated by commas; got ${JSON.stringify(raw)}`,
    );
  }
  return counts.map(Number);
}

async function timed(operation: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await operation();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** A stack of the plugin door's program whose backend, home and workspace are under `stateRoot`. */
function fleetStack(cli: PulumiCli, endpoint: PcaEndpoint, stateRoot: string): CliStack {
  return new CliStack({
    program: PLUGIN.program,
    stackName: "fleet",
    stateRoot,
    cli,
    env: {
      ...pcaEnvironment(endpoint),
      ...PLUGIN.env,
    },
    timeoutMs: OPERATION_TIMEOUT_MS,
  });
}

/** Runs `work` on a fresh stack, then destroys the stack and removes its folder. */
async function withFleetStack<T>(
  cli: PulumiCli,
  endpoint: PcaEndpoint,
  label: string,
  work: (stack: CliStack) => Promise<T>,
): Promise<T> {
  // Under the repository, as the doors bench's stacks are (tools/devkit/cliStack.ts says why).
  const stateRoot = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", `bench-fleet-${label}-`));
  const stack = fleetStack(cli, endpoint, stateRoot);
  try {
    const result = await work(stack);
    await stack.destroy({ parallel: PARALLEL, env: SKIP_CHECKPOINTS });
    return result;
  } finally {
    await stack.close();
    fs.rmSync(stateRoot, { recursive: true, force: true });
  }
}

function configFor(count: number) {
  return {
    "certplane-bench:count": { value: String(count) },
    "certplane-bench:algorithm": { value: ECDSA.csrArgs.algorithm },
  };
}

async function measureCount(cli: PulumiCli, endpoint: PcaEndpoint, count: number) {
  const config = configFor(count);
  const saved = await withFleetStack(cli, endpoint, `${count}`, async (stack) => {
    const firstUpSeconds = await timed(() => stack.up({ parallel: PARALLEL, config }));
    const checkpointBytes = Buffer.byteLength(stack.cli(["stack", "export"]));
    let steps: { op: string }[] = [];
    const noChangeUpSeconds = await timed(async () => {
      steps = (await stack.up({ parallel: PARALLEL, config })).steps;
    });
    const changed = steps.filter((step) => step.op !== "same");
    if (changed.length > 0) {
      throw new Error(`the second up of ${count} changed ${changed.length} resources`);
    }
    return { firstUpSeconds, checkpointBytes, noChangeUpSeconds };
  });
  const skipCheckpointsUpSeconds = await withFleetStack(cli, endpoint, `${count}-skip`, (stack) =>
    timed(() => stack.up({ parallel: PARALLEL, config, env: SKIP_CHECKPOINTS })),
  );
  return { count, ...saved, skipCheckpointsUpSeconds };
}

const perCertMs = (seconds: number, count: number) => ((seconds * 1000) / count).toFixed(0);

function renderRows(rows: FleetRow[]): string[][] {
  const headers = [
    "certificates",
    "first up s",
    "ms/cert",
    "skip-checkpoints up s",
    "ms/cert",
    "first up ÷ skip-checkpoints",
    "no-change up s",
    "checkpoint MB",
  ];
  const cells = rows.map((row) => [
    String(row.count),
    row.firstUpSeconds.toFixed(1),
    perCertMs(row.firstUpSeconds, row.count),
    row.skipCheckpointsUpSeconds.toFixed(1),
    perCertMs(row.skipCheckpointsUpSeconds, row.count),
    (row.firstUpSeconds / row.skipCheckpointsUpSeconds).toFixed(2),
    row.noChangeUpSeconds.toFixed(1),
    (row.checkpointBytes / 1e6).toFixed(2),
  ]);
  return [headers, ...cells];
}

/** Runs the fleet benchmark; returns its rows and table. */
export async function benchFleet(): Promise<{ rows: FleetRow[]; table: string[][] }> {
  const counts = fleetCounts();
  const cli = cliWithPlugin("fleet");
  process.stderr.write(`fleet: Pulumi CLI ${cli.version}, N = ${counts.join(", ")}\n`);
  const simulator = await startPcaSimulatorProcess();
  try {
    const rows: FleetRow[] = [];
    for (const count of counts) {
      process.stderr.write(`fleet: ${count} certificates\n`);
      const row = await measureCount(cli, simulator.endpoint, count);
      process.stderr.write(`fleet: ${JSON.stringify(row)}\n`);
      rows.push(row);
    }
    return { rows, table: renderRows(rows) };
  } finally {
    await simulator.stop();
  }
}
