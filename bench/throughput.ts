/**
 * Throughput of issuing Cisco PCA certificates (CertificateRequest key + CSR → pca.SignedCertificate
 * sign-csr) against the simulator, four ways: through the lifecycle runner
 * (bench/programs/manyPcaCerts.ts: what an `up` costs), through the real Pulumi CLI (`pulumi up
 * --parallel` of the same program, when `make pulumi-cli` has built it or one is on PATH; see
 * ./throughputCli.ts), a bare axios loop at the same concurrency (the same key and CSR code and one
 * HTTPS POST each), and seed 000's shell workflow (sequential).
 *
 * The simulator runs as a separate process, so its CPU cost is the same for every client and is not
 * in this process (which, for the runner, plays the engine).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageNodePath } from "../tools/devkit/packageLink";
import { findPulumiCli, type PulumiCli } from "../tools/devkit/pulumiCli";
import { LifecycleRunner } from "../testing";
import {
  ALGORITHMS,
  axiosLoop,
  isPemCertificate,
  pcaEnvironment,
  shellLoop,
  type AlgorithmCase,
  type LoopResult,
  type PcaEndpoint,
} from "./throughputLoops";
import { cliBreakdown, cliUp, type CliBreakdown, type CliUp } from "./throughputCli";
import { startPcaSimulatorProcess } from "./simulatorProcess";

const PROGRAM = path.join(__dirname, "programs", "manyPcaCerts.ts");
const DEFAULT_COUNTS = [100, 500];
const CONCURRENCIES = [8, 32];
const SHELL_COUNT = 20;

/** `up` of `count` certificates through the lifecycle runner (timed), then `destroy` (not timed). */
async function runnerUp(
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  count: number,
  parallel: number,
): Promise<number> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-bench-throughput-"));
  try {
    const runner = new LifecycleRunner({
      program: PROGRAM,
      stateDir,
      config: { count: String(count), algorithm: algorithm.csrArgs.algorithm },
      env: {
        ...pcaEnvironment(endpoint),
      },
      nodePath: [packageNodePath()],
      parallel,
    });
    const result = await runner.up();
    const issued = result.resources.filter(
      (r) =>
        r.type.endsWith(":PcaSignedCertificate") &&
        typeof r.outputs.certificatePem === "string" &&
        isPemCertificate(r.outputs.certificatePem),
    ).length;
    if (issued !== count) {
      throw new Error(`runner: ${issued} of ${count} certificates came back as PEM certificates`);
    }
    await runner.destroy();
    return result.durationMs / 1000;
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

function requireNoFailures(client: string, count: number, result: LoopResult): LoopResult {
  if (result.failures > 0) {
    throw new Error(
      `${client}: ${result.failures} of ${count} certificates failed; first: ${result.firstFailure}`,
    );
  }
  return result;
}

/** One runner/axios comparison. */
export interface ThroughputRow {
  count: number;
  algorithm: string;
  concurrency: number;
  runner: { seconds: number; certsPerSecond: number };
  axios: { seconds: number; certsPerSecond: number };
  /** runner seconds / axios seconds. */
  ratio: number;
  /** The same program through `pulumi up --parallel <concurrency>` (absent without a CLI). */
  cli?: {
    seconds: number;
    certsPerSecond: number;
    perAxios: number;
    perRunner: number;
    checkpointBytes: number;
  };
}

/** The seed's shell workflow for one algorithm, against the runner's pace. */
export interface ShellRow {
  count: number;
  algorithm: string;
  msPerCert: number;
  /** The runner row compared: the smallest N measured, concurrency 8. */
  runnerBasis: { count: number; concurrency: number; msPerCert: number };
  /** runner ms per certificate / shell ms per certificate. */
  runnerRatio: number;
}

async function compare(
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  count: number,
  concurrency: number,
  cli: PulumiCli | undefined,
): Promise<ThroughputRow> {
  process.stderr.write(`throughput: ${count} × ${algorithm.label}, concurrency ${concurrency}\n`);
  const runnerSeconds = await runnerUp(endpoint, algorithm, count, concurrency);
  const axios = requireNoFailures(
    "axios",
    count,
    await axiosLoop(endpoint, algorithm, count, concurrency),
  );
  const cliRun: CliUp | undefined = cli
    ? await cliUp(cli, endpoint, algorithm, count, concurrency)
    : undefined;
  return {
    count,
    algorithm: algorithm.label,
    concurrency,
    runner: { seconds: runnerSeconds, certsPerSecond: count / runnerSeconds },
    axios: { seconds: axios.seconds, certsPerSecond: count / axios.seconds },
    ratio: runnerSeconds / axios.seconds,
    ...(cliRun === undefined
      ? {}
      : {
          cli: {
            seconds: cliRun.seconds,
            certsPerSecond: count / cliRun.seconds,
            perAxios: cliRun.seconds / axios.seconds,
            perRunner: cliRun.seconds / runnerSeconds,
            checkpointBytes: cliRun.checkpointBytes,
          },
        }),
  };
}

async function shellRow(
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  rows: ThroughputRow[],
): Promise<ShellRow> {
  process.stderr.write(`throughput: shell, ${SHELL_COUNT} × ${algorithm.label}\n`);
  const shell = requireNoFailures(
    "shell",
    SHELL_COUNT,
    await shellLoop(endpoint, algorithm, SHELL_COUNT),
  );
  const msPerCert = (shell.seconds * 1000) / SHELL_COUNT;
  const basis = rows.find((r) => r.algorithm === algorithm.label && r.concurrency === 8);
  if (!basis) throw new Error(`no runner row at concurrency 8 for ${algorithm.label}`);
  const runnerMsPerCert = (basis.runner.seconds * 1000) / basis.count;
  return {
    count: SHELL_COUNT,
    algorithm: algorithm.label,
    msPerCert,
    runnerBasis: { count: basis.count, concurrency: 8, msPerCert: runnerMsPerCert },
    runnerRatio: runnerMsPerCert / msPerCert,
  };
}

/** N values from BENCH_THROUGHPUT_N (a comma list, e.g. `100`), else 100 and 500, ascending. */
export function throughputCounts(raw = process.env.BENCH_THROUGHPUT_N): number[] {
  if (raw === undefined || raw.trim() === "") return DEFAULT_COUNTS;
  const values = raw.split(",").map((value) => value.trim());
  if (values.some((value) => !/^[1-9]\d*$/.test(value))) {
    throw new Error(
      `BENCH_THROUGHPUT_N must be a comma list of positive whole numbers (e.g. 100 or 100,500); got ${JSON.stringify(raw)}`,
    );
  }
  return [...new Set(values.map(Number))].sort((a, b) => a - b);
}

function renderRows(
  rows: ThroughputRow[],
  shell: ShellRow[],
  breakdown: CliBreakdown[],
): string[][] {
  const headers = [
    "N",
    "algorithm",
    "concurrency",
    "runner s",
    "runner certs/s",
    "axios s",
    "axios certs/s",
    "runner/axios",
    "shell ms/cert",
    "runner ms/cert ÷ shell",
    "cli s",
    "cli/axios",
    "cli/runner",
  ];
  const comparisons = rows.map((r) => [
    String(r.count),
    r.algorithm,
    String(r.concurrency),
    r.runner.seconds.toFixed(1),
    r.runner.certsPerSecond.toFixed(1),
    r.axios.seconds.toFixed(1),
    r.axios.certsPerSecond.toFixed(1),
    r.ratio.toFixed(1),
    "",
    "",
    r.cli ? r.cli.seconds.toFixed(1) : "-",
    r.cli ? r.cli.perAxios.toFixed(1) : "-",
    r.cli ? r.cli.perRunner.toFixed(2) : "-",
  ]);
  const shells = shell.map((s) => [
    String(s.count),
    s.algorithm,
    "1 (shell)",
    ...["", "", "", "", ""],
    s.msPerCert.toFixed(0),
    `${s.runnerRatio.toFixed(2)} (${s.runnerBasis.msPerCert.toFixed(0)} ms at N=${s.runnerBasis.count})`,
    "",
    "",
    "",
  ]);
  // Where the engine's time goes, for the largest run of each algorithm.
  const engine = breakdown.map((b) => [
    String(b.count),
    b.algorithm,
    `${b.parallel} (cli time)`,
    ...["", "", "", "", "", "", ""],
    `${b.upSeconds.toFixed(1)}: start ${b.emptySeconds.toFixed(1)} (0 certs), ${b.fixedSeconds.toFixed(1)} (1 cert)`,
    `checkpoints ${(b.checkpointShare * 100).toFixed(0)}% (${(b.checkpointBytes / 1e6).toFixed(1)} MB each)`,
    `skip-ckpt ${b.skipCheckpointsSeconds.toFixed(1)} s`,
  ]);
  return [headers, ...comparisons, ...shells, ...engine];
}

/** Runs the throughput benchmark; returns its rows and table. */
export async function benchThroughput(): Promise<{
  rows: { comparisons: ThroughputRow[]; shell: ShellRow[]; cliBreakdown: CliBreakdown[] };
  table: string[][];
}> {
  const counts = throughputCounts();
  const cli = findPulumiCli();
  process.stderr.write(
    cli
      ? `throughput: the cli column uses Pulumi CLI ${cli.version} (${cli.binDir})\n`
      : "throughput: no Pulumi CLI (`make pulumi-cli` builds one): the cli column stays empty\n",
  );
  const simulator = await startPcaSimulatorProcess();
  try {
    const comparisons: ThroughputRow[] = [];
    for (const count of counts) {
      for (const algorithm of ALGORITHMS) {
        for (const concurrency of CONCURRENCIES) {
          const row = await compare(simulator.endpoint, algorithm, count, concurrency, cli);
          comparisons.push(row);
          // Each row as it is measured: a long run that is stopped still leaves its figures.
          process.stderr.write(`throughput: ${JSON.stringify(row)}\n`);
        }
      }
    }
    const shell: ShellRow[] = [];
    for (const algorithm of ALGORITHMS) {
      shell.push(await shellRow(simulator.endpoint, algorithm, comparisons));
    }
    const breakdown: CliBreakdown[] = [];
    for (const algorithm of ALGORITHMS) {
      const largest = comparisons
        .filter((r) => r.algorithm === algorithm.label && r.cli)
        .sort((a, b) => b.count - a.count || b.concurrency - a.concurrency)[0];
      if (!cli || !largest?.cli) continue;
      process.stderr.write(`throughput: where the engine's time goes, ${algorithm.label}\n`);
      const measured = await cliBreakdown(
        cli,
        simulator.endpoint,
        algorithm,
        largest.count,
        largest.concurrency,
        largest.cli,
      );
      breakdown.push(measured);
      process.stderr.write(`throughput: ${JSON.stringify(measured)}\n`);
    }
    return {
      rows: { comparisons, shell, cliBreakdown: breakdown },
      table: renderRows(comparisons, shell, breakdown),
    };
  } finally {
    await simulator.stop();
  }
}
