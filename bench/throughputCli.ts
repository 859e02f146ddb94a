/**
 * The throughput bench's engine column: `pulumi up --parallel N` of bench/programs/manyPcaCerts.ts
 * through the real Pulumi CLI (tools/devkit/cliStack.ts: file backend, Automation API inline program), timed
 * like the runner's `up`; then `destroy`, not timed. And where the engine's time goes, each measured
 * as an `up` of its own: the start (`up` of no certificate: the CLI, the Automation API's config and
 * inline program, the Stack resource), the start with the dynamic-provider plugin (`up` of one
 * certificate), and the share of the checkpoint writes (the full `up` with
 * PULUMI_SKIP_CHECKPOINTS=true, which writes the checkpoint once at the end instead of after every
 * step), with the size of the final checkpoint (every write rewrites all of it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliStack } from "../tools/devkit/cliStack";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import type { PulumiCli } from "../tools/devkit/pulumiCli";
import {
  isPemCertificate,
  pcaEnvironment,
  type AlgorithmCase,
  type PcaEndpoint,
} from "./throughputLoops";

const PROGRAM = path.join(__dirname, "programs", "manyPcaCerts.ts");

/** One timed `up` through the CLI. */
export interface CliUp {
  seconds: number;
  /** Bytes of the checkpoint after the `up` (`pulumi stack export`, secrets encrypted). */
  checkpointBytes: number;
}

/** Times one `up` of `count` certificates through the CLI (then destroys them, not timed). */
export async function cliUp(
  cli: PulumiCli,
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  count: number,
  parallel: number,
  extraEnv: Record<string, string> = {},
): Promise<CliUp> {
  // Under the repository (not the system temp folder): the dynamic-provider plugin resolves
  // @pulumi/pulumi from the workspace it starts in.
  const stateRoot = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", "bench-cli-"));
  const stack = new CliStack({
    program: PROGRAM,
    stackName: "bench",
    stateRoot,
    cli,
    env: {
      ...pcaEnvironment(endpoint),
      ...extraEnv,
    },
    timeoutMs: 1_800_000,
  });
  try {
    const config = {
      "certplane-bench:count": { value: String(count) },
      "certplane-bench:algorithm": { value: algorithm.csrArgs.algorithm },
    };
    // The timing includes `pulumi config set-all` (well under a second), which the runner's `up`
    // does not pay: it takes its configuration as an option.
    const started = process.hrtime.bigint();
    await stack.up({ parallel, config });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const checkpoint = stack.exportState();
    const issued = (checkpoint.deployment.resources ?? []).filter(
      (r) =>
        r.type.endsWith(":PcaSignedCertificate") &&
        typeof r.outputs?.certificatePem === "string" &&
        isPemCertificate(r.outputs.certificatePem),
    ).length;
    if (issued !== count) {
      throw new Error(`cli: ${issued} of ${count} certificates came back as PEM certificates`);
    }
    await stack.destroy({ parallel });
    return { seconds, checkpointBytes: Buffer.byteLength(JSON.stringify(checkpoint)) };
  } finally {
    await stack.close();
    fs.rmSync(stateRoot, { recursive: true, force: true });
  }
}

/** Where one engine `up` spends its time, for the largest run of an algorithm. */
export interface CliBreakdown {
  algorithm: string;
  count: number;
  parallel: number;
  /** `up` of no certificate: CLI start, config, the inline program, the Stack resource. */
  emptySeconds: number;
  /** `up` of one certificate: the above plus the dynamic-provider plugin's start and one key + sign. */
  fixedSeconds: number;
  /** The full `up` as measured in the table. */
  upSeconds: number;
  /** The same `up` with PULUMI_SKIP_CHECKPOINTS=true. */
  skipCheckpointsSeconds: number;
  /** (up − skip-checkpoints) / up. */
  checkpointShare: number;
  /** Size of the checkpoint after the full `up`; each checkpoint write rewrites all of it. */
  checkpointBytes: number;
}

/** Measures {@link CliBreakdown} against a measured full `up`. */
export async function cliBreakdown(
  cli: PulumiCli,
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  count: number,
  parallel: number,
  up: CliUp,
): Promise<CliBreakdown> {
  const empty = await cliUp(cli, endpoint, algorithm, 0, parallel);
  const fixed = await cliUp(cli, endpoint, algorithm, 1, parallel);
  const skipCheckpoints = await cliUp(cli, endpoint, algorithm, count, parallel, {
    PULUMI_SKIP_CHECKPOINTS: "true",
  });
  return {
    algorithm: algorithm.label,
    count,
    parallel,
    emptySeconds: empty.seconds,
    fixedSeconds: fixed.seconds,
    upSeconds: up.seconds,
    skipCheckpointsSeconds: skipCheckpoints.seconds,
    checkpointShare: (up.seconds - skipCheckpoints.seconds) / up.seconds,
    checkpointBytes: up.checkpointBytes,
  };
}
