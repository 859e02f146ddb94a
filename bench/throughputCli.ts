/**
 * The throughput bench's engine column: `pulumi up --parallel N` of bench/programs/manyPcaCerts.ts
 * through the real Pulumi CLI (tools/devkit/cliStack.ts: file backend, Automation API inline program), timed
 * like the runner's `up`; then `destroy`, not timed. And where the engine's time goes: the fixed cost
 * of one `up` (CLI, program and dynamic-provider plugin start, for one certificate) and the share of
 * the checkpoint writes (the same `up` with PULUMI_SKIP_CHECKPOINTS=true, which writes the
 * checkpoint once at the end instead of after every step).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliStack } from "../tools/devkit/cliStack";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import type { PulumiCli } from "../tools/devkit/pulumiCli";
import { isPemCertificate, type AlgorithmCase, type PcaEndpoint } from "./throughputLoops";

const PROGRAM = path.join(__dirname, "programs", "manyPcaCerts.ts");

/** Seconds of one timed `up` of `count` certificates through the CLI. */
export async function cliUp(
  cli: PulumiCli,
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  count: number,
  parallel: number,
  extraEnv: Record<string, string> = {},
): Promise<number> {
  // Under the repository (not the system temp folder): the dynamic-provider plugin resolves
  // @pulumi/pulumi from the workspace it starts in.
  const stateRoot = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", "bench-cli-"));
  const stack = new CliStack({
    program: PROGRAM,
    stackName: "bench",
    stateRoot,
    cli,
    env: {
      CERTPLANE_PCA_URL: endpoint.url,
      CERTPLANE_PCA_TOKEN: endpoint.token,
      CERTPLANE_PCA_CA_CERT_PEM: endpoint.caCertPem,
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
    const issued = (stack.exportState().deployment.resources ?? []).filter(
      (r) =>
        r.type.endsWith(":PcaSignedCertificate") &&
        typeof r.outputs?.certificatePem === "string" &&
        isPemCertificate(r.outputs.certificatePem),
    ).length;
    if (issued !== count) {
      throw new Error(`cli: ${issued} of ${count} certificates came back as PEM certificates`);
    }
    await stack.destroy({ parallel });
    return seconds;
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
  /** `up` of one certificate: CLI, program and plugin start plus one create. */
  fixedSeconds: number;
  /** The full `up` as measured in the table. */
  upSeconds: number;
  /** The same `up` with PULUMI_SKIP_CHECKPOINTS=true. */
  skipCheckpointsSeconds: number;
  /** (up − skip-checkpoints) / up. */
  checkpointShare: number;
}

/** Measures {@link CliBreakdown} against a measured full `up`. */
export async function cliBreakdown(
  cli: PulumiCli,
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  count: number,
  parallel: number,
  upSeconds: number,
): Promise<CliBreakdown> {
  const fixedSeconds = await cliUp(cli, endpoint, algorithm, 1, parallel);
  const skipCheckpointsSeconds = await cliUp(cli, endpoint, algorithm, count, parallel, {
    PULUMI_SKIP_CHECKPOINTS: "true",
  });
  return {
    algorithm: algorithm.label,
    count,
    parallel,
    fixedSeconds,
    upSeconds,
    skipCheckpointsSeconds,
    checkpointShare: (upSeconds - skipCheckpointsSeconds) / upSeconds,
  };
}
