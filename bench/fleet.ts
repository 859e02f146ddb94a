/**
 * How `up` time grows with the number of certificates in one stack on a file (DIY) backend, through
 * the real Pulumi CLI and the native plugin's door (bench/programs/manyPcaCertsNative.ts: N ECDSA
 * P-256 CertificateRequests and pca.SignedCertificates against the simulator, `--parallel` 8), and
 * what the day the whole fleet is due for renewal costs. For each N (BENCH_FLEET_N, a
 * comma-separated list; default 100, 500 and 1,000), three stacks on the schedule docs/renewal.md
 * pairs (90-day certificates renewed 30 days early, keys rotated at 60 days where set):
 * - **kept keys**: the first `up` (issuing all N into an empty stack, the engine saving the
 *   checkpoint after every step as it does by default); a no-change `up` (the daily renewal job on
 *   a day nothing is due); then, both clocks moved to the renewal day, the `up` that renews every
 *   certificate for its key, and a no-change `up` after it;
 * - **rotating keys** (`rotateAfterHours`): the first `up`, then on the renewal day the `up` that
 *   replaces every key and CSR and so every certificate, and a no-change `up` after it;
 * - **PULUMI_SKIP_CHECKPOINTS** (kept keys, the checkpoint saved once at the end): the first `up` and
 *   the renewal day's.
 * Every timed `up` must show the engine's steps and the PCA sign requests its change makes on N
 * certificates (bench/fleetSteps.ts), so a phase cannot measure a no-op. Reported: seconds, ms per
 * certificate, the ratios to the kept stack's first and no-change `up`s of the same run, the sign
 * requests and the checkpoint's size after the `up`. Destroys follow, not timed (with
 * PULUMI_SKIP_CHECKPOINTS, to be quick).
 *
 * The simulator runs in this process, so the bench moves its clock and reads its request counts
 * directly; this process only waits while the CLI runs (the stack's worker is a process of its
 * own), so the simulator shares the CPU as it would in a process of its own.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../simulator";
import { CliStack } from "../tools/devkit/cliStack";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import type { PulumiCli } from "../tools/devkit/pulumiCli";
import type { ConfigEntry, EngineStep } from "../tools/devkit/stackProtocol";
import { cliWithPlugin, DOORS, ECDSA } from "./doors";
import {
  assertFleetChange,
  renewalDayOffsetSeconds,
  type FleetChange,
  type RenewalSchedule,
} from "./fleetSteps";
import { pcaEnvironment } from "./throughputLoops";

const PARALLEL = 8;
const DEFAULT_COUNTS = [100, 500, 1000];
/**
 * Longest one operation of N certificates may take on a loaded machine. The renewal day with
 * rotating keys is the longest: four times the first `up` at 500 (measured under load, 627 s), and
 * it grows with N², so 1,000 needs more than the hour that bounds the other benches.
 */
const OPERATION_TIMEOUT_MS = 7_200_000;
const PLUGIN = DOORS.find((door) => door.name === "plugin")!;
const SKIP_CHECKPOINTS = { PULUMI_SKIP_CHECKPOINTS: "true" };
/** docs/renewal.md's pairing: 90 days, renewed 30 days early, keys (where set) rotated at 60. */
const SCHEDULE: RenewalSchedule = {
  certDurationHours: 2160,
  earlyRenewalHours: 720,
  rotateAfterHours: 1440,
};
/** The request every new certificate makes (simulator/pca/index.ts). */
const SIGN_REQUEST = { vendor: "pca", method: "POST", path: "/distribution/sign-csr" };

/** One timed `up` of one N. */
export interface FleetPhaseRow {
  count: number;
  /** What the `up` was, e.g. "renewal day up, keys rotating". */
  phase: string;
  change: FleetChange;
  seconds: number;
  /** `seconds` ÷ the kept stack's first `up` of the same N in the same run. */
  ratioToFirstUp: number;
  /** `seconds` ÷ the kept stack's no-change `up` before renewal, same N, same run. */
  ratioToNoChangeUp: number;
  /** PCA sign requests during the `up` (asserted: N for a change, 0 for none). */
  signRequests: number;
  /** Every request to PCA during the `up` (asserted equal to the sign requests). */
  pcaRequests: number;
  /** `pulumi stack export` after the `up`. */
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

/** One timed `up` before its ratios are known. */
type MeasuredUp = Omit<FleetPhaseRow, "ratioToFirstUp" | "ratioToNoChangeUp">;

/** What one N's stacks share. */
interface FleetRun {
  cli: PulumiCli;
  sim: Simulator;
  count: number;
  measured: MeasuredUp[];
}

/** The phases every other `up` of the same N is compared with. */
const FIRST_UP = "first up";
const NO_CHANGE_UP = "no-change up";

/** A stack of the plugin door's program whose backend, home and workspace are under `stateRoot`. */
function fleetStack(run: FleetRun, stateRoot: string, env: Record<string, string>): CliStack {
  const { CERTPLANE_PCA_URL: url, CERTPLANE_PCA_TOKEN: token } = run.sim.env;
  return new CliStack({
    program: PLUGIN.program,
    stackName: "fleet",
    stateRoot,
    cli: run.cli,
    env: {
      ...pcaEnvironment({ url, token, caCertPem: run.sim.env.CERTPLANE_PCA_CA_CERT_PEM }),
      ...PLUGIN.env,
      ...env,
    },
    timeoutMs: OPERATION_TIMEOUT_MS,
  });
}

/** Runs `work` on a fresh stack (with `env` on every operation), then destroys it and its folder. */
async function withFleetStack(
  run: FleetRun,
  label: string,
  env: Record<string, string>,
  work: (stack: CliStack) => Promise<void>,
): Promise<void> {
  // Under the repository, as the doors bench's stacks are (tools/devkit/cliStack.ts says why).
  const stateRoot = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", `bench-fleet-${label}-`));
  const stack = fleetStack(run, stateRoot, env);
  try {
    await work(stack);
    await stack.destroy({ parallel: PARALLEL, env: SKIP_CHECKPOINTS });
  } finally {
    await stack.close();
    fs.rmSync(stateRoot, { recursive: true, force: true });
  }
}

function configFor(count: number, rotateKeys: boolean): Record<string, ConfigEntry> {
  const value = (number: number) => ({ value: String(number) });
  return {
    "certplane-bench:count": value(count),
    "certplane-bench:algorithm": { value: ECDSA.csrArgs.algorithm },
    "certplane-bench:certDurationHours": value(SCHEDULE.certDurationHours),
    "certplane-bench:earlyRenewalHours": value(SCHEDULE.earlyRenewalHours),
    ...(rotateKeys ? { "certplane-bench:rotateAfterHours": value(SCHEDULE.rotateAfterHours) } : {}),
  };
}

/**
 * Times one `up` of `stack`, checks it made `change` on the fleet (steps and PCA requests), and
 * records it; returns when it ended.
 */
async function measuredUp(
  run: FleetRun,
  stack: CliStack,
  phase: string,
  change: FleetChange,
  operation: { config: Record<string, ConfigEntry>; env?: Record<string, string> },
): Promise<number> {
  process.stderr.write(`fleet: ${run.count} certificates: ${phase}\n`);
  const signsBefore = run.sim.countOf(SIGN_REQUEST);
  const pcaBefore = run.sim.countOf({ vendor: "pca" });
  let steps: EngineStep[] = [];
  const seconds = await timed(async () => {
    steps = (await stack.up({ parallel: PARALLEL, ...operation })).steps;
  });
  const endedAt = Date.now();
  const signRequests = run.sim.countOf(SIGN_REQUEST) - signsBefore;
  const pcaRequests = run.sim.countOf({ vendor: "pca" }) - pcaBefore;
  assertFleetChange(`${phase} of ${run.count}`, change, run.count, { steps, signRequests });
  if (pcaRequests !== signRequests) {
    throw new Error(
      `${phase} of ${run.count}: ${pcaRequests} PCA requests, of which ${signRequests} sign requests`,
    );
  }
  const checkpointBytes = Buffer.byteLength(stack.cli(["stack", "export"]));
  const measured = { count: run.count, phase, change, seconds, signRequests, pcaRequests };
  run.measured.push({ ...measured, checkpointBytes });
  process.stderr.write(`fleet: ${JSON.stringify(measured)}\n`);
  return endedAt;
}

/**
 * Runs `body` with both clocks on the renewal day of a fleet issued by `issuedByMs`: the
 * simulator's (it signs the renewed certificates from that day) and the provider's (the `env`
 * handed to `body`: the plugin reads CERTPLANE_CLOCK_OFFSET_SECONDS when it decides renewal and
 * rotation). The simulator's clock is put back afterwards.
 */
async function onRenewalDay(
  run: FleetRun,
  issuedByMs: number,
  body: (env: Record<string, string>) => Promise<unknown>,
): Promise<void> {
  const offsetSeconds = renewalDayOffsetSeconds(SCHEDULE, issuedByMs, Date.now());
  run.sim.setClockOffset(offsetSeconds);
  try {
    await body({ CERTPLANE_CLOCK_OFFSET_SECONDS: String(offsetSeconds) });
  } finally {
    run.sim.setClockOffset(0);
  }
}

async function measureCount(
  cli: PulumiCli,
  sim: Simulator,
  count: number,
): Promise<FleetPhaseRow[]> {
  const run: FleetRun = { cli, sim, count, measured: [] };
  const kept = configFor(count, false);
  await withFleetStack(run, `${count}`, {}, async (stack) => {
    const issuedBy = await measuredUp(run, stack, FIRST_UP, "issue", { config: kept });
    await measuredUp(run, stack, NO_CHANGE_UP, "none", { config: kept });
    await onRenewalDay(run, issuedBy, async (env) => {
      await measuredUp(run, stack, "renewal day up", "renew", { config: kept, env });
      await measuredUp(run, stack, "no-change up after renewal", "none", { config: kept, env });
    });
  });
  const rotating = configFor(count, true);
  await withFleetStack(run, `${count}-rotating`, {}, async (stack) => {
    const issuedBy = await measuredUp(run, stack, "first up, keys rotating", "issue", {
      config: rotating,
    });
    await onRenewalDay(run, issuedBy, async (env) => {
      const renewal = { config: rotating, env };
      await measuredUp(run, stack, "renewal day up, keys rotating", "rotate", renewal);
      await measuredUp(run, stack, "no-change up after rotation", "none", renewal);
    });
  });
  await withFleetStack(run, `${count}-skip`, SKIP_CHECKPOINTS, async (stack) => {
    const issuedBy = await measuredUp(run, stack, "first up, skip checkpoints", "issue", {
      config: kept,
    });
    await onRenewalDay(run, issuedBy, (env) =>
      measuredUp(run, stack, "renewal day up, skip checkpoints", "renew", { config: kept, env }),
    );
  });
  const secondsOf = (phase: string) => run.measured.find((up) => up.phase === phase)!.seconds;
  const [firstUp, noChangeUp] = [secondsOf(FIRST_UP), secondsOf(NO_CHANGE_UP)];
  return run.measured.map((up) => ({
    ...up,
    ratioToFirstUp: up.seconds / firstUp,
    ratioToNoChangeUp: up.seconds / noChangeUp,
  }));
}

const perCertMs = (seconds: number, count: number) => ((seconds * 1000) / count).toFixed(0);

/** What the engine did (asserted by {@link measuredUp}) to the fleet's `count` certificates. */
function describeChange(change: FleetChange, count: number): string {
  return {
    issue: `${count} keys and ${count} certificates created`,
    none: "nothing: every step same",
    renew: `${count} certificates replaced, keys same`,
    rotate: `${count} keys and ${count} certificates replaced`,
  }[change];
}

function renderRows(rows: FleetPhaseRow[]): string[][] {
  const headers = [
    "certificates",
    "up",
    "s",
    "ms/cert",
    "÷ first up",
    "÷ no-change up",
    "engine steps",
    "PCA sign requests",
    "checkpoint MB",
  ];
  const cells = rows.map((row) => [
    String(row.count),
    row.phase,
    row.seconds.toFixed(1),
    perCertMs(row.seconds, row.count),
    row.ratioToFirstUp.toFixed(2),
    row.ratioToNoChangeUp.toFixed(1),
    describeChange(row.change, row.count),
    String(row.signRequests),
    (row.checkpointBytes / 1e6).toFixed(2),
  ]);
  return [headers, ...cells];
}

/** Runs the fleet benchmark; returns its rows and table. */
export async function benchFleet(): Promise<{ rows: FleetPhaseRow[]; table: string[][] }> {
  const counts = fleetCounts();
  const cli = cliWithPlugin("fleet");
  process.stderr.write(`fleet: Pulumi CLI ${cli.version}, N = ${counts.join(", ")}\n`);
  const sim = await startSimulator({ vendors: ["pca"] });
  try {
    const rows: FleetPhaseRow[] = [];
    for (const count of counts) rows.push(...(await measureCount(cli, sim, count)));
    return { rows, table: renderRows(rows) };
  } finally {
    await sim.stop();
  }
}
