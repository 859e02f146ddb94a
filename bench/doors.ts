/**
 * The front doors under the real Pulumi CLI, side by side: the TypeScript SDK's dynamic resources
 * (bench/programs/manyPcaCerts.ts, served by Pulumi's dynamic-provider process) run from this
 * checkout; the same program importing the package installed from its `npm pack` (`installed`: what
 * a user's program stores, tools/devkit/installedPackage.ts); and the native plugin
 * (bench/programs/manyPcaCertsNative.ts, served by bin/pulumi-resource-certplane on PATH). Each
 * issues the same N Cisco PCA certificates (a CertificateRequest and a pca.SignedCertificate each,
 * ECDSA P-256 keys) against the simulator, at `--parallel` 8 and 32. For each door: the `up` time
 * as a ratio to the bare axios loop (bench/throughputLoops.ts, the same work without Pulumi)
 * measured in the same run at the same concurrency; the state bytes per certificate from `pulumi
 * stack export` and their ratio to the PEMs the certificate's two resources hold; any `__provider`
 * text in state; and the provider process's peak RSS. A `destroy` follows each `up`, not timed.
 * BENCH_DOORS_N, BENCH_DOORS_PARALLEL, BENCH_DOORS_ALGORITHM (`RSA`: RSA 2048 keys) and
 * BENCH_DOORS_AFTER_AWAIT change N, the `--parallel` values, the keys and where the programs
 * declare their resources.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliStack, type ExportedResource, type StackExport } from "../tools/devkit/cliStack";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import { findPulumiCli, type PulumiCli } from "../tools/devkit/pulumiCli";
import { installedProgram } from "../tools/devkit/installedPackage";
import { ChildMemorySampler } from "./procSampler";
import { startPcaSimulatorProcess } from "./simulatorProcess";
import {
  axiosLoop,
  ALGORITHMS,
  isPemCertificate,
  pcaEnvironment,
  type AlgorithmCase,
  type PcaEndpoint,
} from "./throughputLoops";

const DEFAULT_PARALLELS = [8, 32];
const DEFAULT_COUNT = 500;
/** Longest one `up` or `destroy` of N certificates may take on a loaded machine. */
const OPERATION_TIMEOUT_MS = 3_600_000;
export const ECDSA = ALGORITHMS.find((a) => a.label === "ECDSA P256")!;

/** A front door: its program, what serves it, and how to find that process. */
export interface Door {
  name: "dynamic" | "installed" | "plugin";
  program: string;
  /**
   * The stack's backend, home and workspace: a fresh folder under the repository's `.tmp` (each
   * run), or a fixed one whose workspace holds the program, as a user's project does.
   */
  stateRoot: { fresh: string } | { fixed: string };
  /** Matched against the provider process's command line. */
  providerProcess: RegExp;
  env: Record<string, string>;
}

export const DOORS: readonly Door[] = [
  {
    name: "dynamic",
    program: path.join(__dirname, "programs", "manyPcaCerts.ts"),
    stateRoot: { fresh: path.join(REPO_ROOT, ".tmp") },
    providerProcess: /cmd\/dynamic-provider/,
    env: {},
  },
  {
    name: "plugin",
    program: path.join(__dirname, "programs", "manyPcaCertsNative.ts"),
    stateRoot: { fresh: path.join(REPO_ROOT, ".tmp") },
    providerProcess: /bin\/pulumi-resource-certplane/,
    // The engine finds the plugin on PATH, as a user installs it.
    env: { PATH: [path.join(REPO_ROOT, "bin"), process.env.PATH].join(path.delimiter) },
  },
];

/** One door's `up` at one parallelism. */
export interface DoorUp {
  door: Door["name"];
  parallel: number;
  seconds: number;
  providerPeakRssMiB: number;
  /** Whole `pulumi stack export` (secrets as ciphertext) ÷ N. */
  checkpointBytesPerCert: number;
  /** The certificate's CertificateRequest + SignedCertificate checkpoint entries, mean. */
  stateBytesPerCert: number;
  /** Distinct PEM blocks (key, CSR, certificate, chain) the two resources' outputs hold, mean. */
  pemBytesPerCert: number;
  /** Occurrences of `__provider` in the checkpoint. */
  providerTexts: number;
}

/** One parallelism: the bare loop and both doors, measured one after another. */
export interface DoorsRow {
  count: number;
  /** The keys' algorithm, e.g. `ECDSA P256`. */
  keys: string;
  /** Whether the programs declared their resources after an await. */
  afterAwait: boolean;
  parallel: number;
  bareSeconds: number;
  doors: Record<Door["name"], DoorUp & { perBare: number }>;
}

/** What an installed package's serialized provider requires (sdk/shim.ts). */
const INSTALLED_SHIM_MARKER = "pulumi-certplane/dist/sdk/hooksShims/";

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]+?-----END [A-Z0-9 ]+-----/g;
/** Pulumi's marker of a secret value in a checkpoint. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Every PEM block in a value of a `--show-secrets` export (secrets' plaintext included). */
function pemBlocks(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === "string") for (const block of value.match(PEM_BLOCK) ?? []) into.add(block);
  else if (Array.isArray(value)) for (const item of value) pemBlocks(item, into);
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (SECRET_SIG in record && typeof record.plaintext === "string") {
      pemBlocks(JSON.parse(record.plaintext), into);
    } else for (const item of Object.values(record)) pemBlocks(item, into);
  }
  return into;
}

/** Resources of a certificate by its index: `csr-<i>` and `cert-<i>`. */
function byCertificate(exported: StackExport): Map<string, ExportedResource[]> {
  const found = new Map<string, ExportedResource[]>();
  for (const resource of exported.deployment.resources ?? []) {
    const match = /::(csr|cert)-(\d+)$/.exec(resource.urn);
    if (!match) continue;
    found.set(match[2], [...(found.get(match[2]) ?? []), resource]);
  }
  return found;
}

const entryBytes = (resource: ExportedResource) => Buffer.byteLength(JSON.stringify(resource));

/**
 * Checks every certificate came back (a CertificateRequest `csr-<i>` and a SignedCertificate
 * `cert-<i>` holding a PEM certificate), then sizes the state against the PEMs it holds.
 * @param exported - `pulumi stack export` (secrets as ciphertext): what the state costs
 * @param revealed - `pulumi stack export --show-secrets`: what the PEMs are
 */
export function sizeState(
  count: number,
  exported: StackExport,
  revealed: StackExport,
): { stateBytesPerCert: number; pemBytesPerCert: number } {
  const state = byCertificate(exported);
  const plain = byCertificate(revealed);
  const issued = [...state.values()].filter((pair) =>
    pair.some((r) => r.type.endsWith("SignedCertificate") && isPem(r.outputs?.certificatePem)),
  ).length;
  if (issued !== count || state.size !== count) {
    throw new Error(`${issued} of ${count} certificates came back as PEM certificates`);
  }
  let stateBytes = 0;
  let pemBytes = 0;
  for (const [index, pair] of state) {
    if (pair.length !== 2) throw new Error(`certificate ${index} has ${pair.length} resources`);
    stateBytes += pair.reduce((sum, r) => sum + entryBytes(r), 0);
    const blocks = new Set<string>();
    for (const resource of plain.get(index) ?? []) pemBlocks(resource.outputs, blocks);
    pemBytes += [...blocks].reduce((sum, block) => sum + Buffer.byteLength(block), 0);
  }
  return { stateBytesPerCert: stateBytes / count, pemBytesPerCert: pemBytes / count };
}

const isPem = (value: unknown) => typeof value === "string" && isPemCertificate(value);

/** Times one door's `up` of `count` certificates, sizes its state, then destroys them. */
async function doorUp(
  cli: PulumiCli,
  endpoint: PcaEndpoint,
  door: Door,
  count: number,
  parallel: number,
  algorithm: AlgorithmCase,
): Promise<DoorUp> {
  // Under the repository: the dynamic-provider plugin resolves @pulumi/pulumi from its workspace.
  const stateRoot =
    "fixed" in door.stateRoot
      ? door.stateRoot.fixed
      : fs.mkdtempSync(path.join(door.stateRoot.fresh, `bench-doors-${door.name}-`));
  const stack = new CliStack({
    program: door.program,
    stackName: "bench",
    stateRoot,
    cli,
    env: {
      ...pcaEnvironment(endpoint),
      ...door.env,
    },
    timeoutMs: OPERATION_TIMEOUT_MS,
  });
  try {
    const config = {
      "certplane-bench:count": { value: String(count) },
      "certplane-bench:algorithm": { value: algorithm.csrArgs.algorithm },
      "certplane-bench:afterAwait": { value: String(declaredAfterAwait()) },
    };
    // The provider runs under the engine, under the stack's worker: a descendant, not a child.
    const sampler = new ChildMemorySampler(door.providerProcess, 100, true);
    const started = process.hrtime.bigint();
    let providerPeakRssMiB: number;
    try {
      await stack.up({ parallel, config });
    } finally {
      providerPeakRssMiB = sampler.stop();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const checkpointText = stack.cli(["stack", "export"]);
    const exported = JSON.parse(checkpointText) as StackExport;
    const revealed = JSON.parse(stack.cli(["stack", "export", "--show-secrets"])) as StackExport;
    const sizes = sizeState(count, exported, revealed);
    // The installed door measures what users store only if the serializer referred to the shim.
    if (door.name === "installed" && !checkpointText.includes(INSTALLED_SHIM_MARKER)) {
      throw new Error(`the installed door's state does not require ${INSTALLED_SHIM_MARKER}`);
    }
    if (providerPeakRssMiB === 0) throw new Error(`no process matched ${door.providerProcess}`);
    await stack.destroy({ parallel });
    return {
      door: door.name,
      parallel,
      seconds,
      providerPeakRssMiB,
      checkpointBytesPerCert: Buffer.byteLength(checkpointText) / count,
      ...sizes,
      providerTexts: checkpointText.split('"__provider"').length - 1,
    };
  } finally {
    await stack.close();
    // A fixed root keeps its workspace (the program) and loses its stack.
    for (const folder of "fixed" in door.stateRoot ? ["backend", "home"] : [""]) {
      fs.rmSync(path.join(stateRoot, folder), { recursive: true, force: true });
    }
  }
}

/**
 * The Pulumi CLI, for a bench that also runs the native plugin (bin/pulumi-resource-certplane,
 * which serves from dist/); throws, saying how to get what is missing.
 */
export function cliWithPlugin(bench: string): PulumiCli {
  const cli = findPulumiCli();
  if (!cli)
    throw new Error(`the ${bench} bench needs the Pulumi CLI (\`make pulumi-cli\` builds it)`);
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider", "plugin", "main.js"))) {
    throw new Error(`the ${bench} bench's plugin door needs dist/ (\`npm run build\`)`);
  }
  return cli;
}

/** The dynamic door's program importing the package installed from its `npm pack`. */
function installedDoor(): Door {
  const installed = installedProgram(
    path.join(REPO_ROOT, ".tmp", "bench-installed"),
    path.join(__dirname, "programs", "manyPcaCerts.ts"),
  );
  return {
    name: "installed",
    program: installed.program,
    stateRoot: { fixed: installed.stateRoot },
    providerProcess: /cmd\/dynamic-provider/,
    env: installed.env,
  };
}

/** The keys from BENCH_DOORS_ALGORITHM: `ECDSA` (P-256, the default) or `RSA` (2048 bits). */
export function doorsAlgorithm(raw = process.env.BENCH_DOORS_ALGORITHM): AlgorithmCase {
  const name = raw === undefined || raw === "" ? "ECDSA" : raw;
  const found = ALGORITHMS.find((algorithm) => algorithm.csrArgs.algorithm === name);
  if (!found) {
    throw new Error(`BENCH_DOORS_ALGORITHM must be ECDSA or RSA; got ${JSON.stringify(raw)}`);
  }
  return found;
}

/**
 * BENCH_DOORS_AFTER_AWAIT=true: the programs declare their resources in a promise callback, so the
 * stack trace the Node SDK records per resource is short (the programs say why); else at top level.
 */
export function declaredAfterAwait(raw = process.env.BENCH_DOORS_AFTER_AWAIT): boolean {
  if (raw === undefined || raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  throw new Error(`BENCH_DOORS_AFTER_AWAIT must be true or false; got ${JSON.stringify(raw)}`);
}

/** `--parallel` values from BENCH_DOORS_PARALLEL ("8,32"), else 8 and 32. */
export function doorsParallels(raw = process.env.BENCH_DOORS_PARALLEL): number[] {
  if (raw === undefined || raw.trim() === "") return DEFAULT_PARALLELS;
  const values = raw.split(",").map((part) => part.trim());
  if (values.some((value) => !/^[1-9]\d*$/.test(value))) {
    throw new Error(
      `BENCH_DOORS_PARALLEL must be positive whole numbers separated by commas; got ${JSON.stringify(raw)}`,
    );
  }
  return values.map(Number);
}

/** N from BENCH_DOORS_N (one positive whole number), else 500. */
export function doorsCount(raw = process.env.BENCH_DOORS_N): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_COUNT;
  if (!/^[1-9]\d*$/.test(raw.trim())) {
    throw new Error(`BENCH_DOORS_N must be a positive whole number; got ${JSON.stringify(raw)}`);
  }
  return Number(raw.trim());
}

const DOOR_NAMES: readonly Door["name"][] = ["dynamic", "installed", "plugin"];

function renderRows(rows: DoorsRow[]): string[][] {
  const headers = ["N", "keys", "declared", "parallel", "bare loop s", "PEM B/cert"];
  for (const door of DOOR_NAMES) {
    headers.push(
      `${door} up s`,
      `${door} ÷ bare`,
      `${door} state B/cert`,
      `${door} state ÷ PEM`,
      `${door} __provider`,
      `${door} provider peak RSS MiB`,
    );
  }
  const cells = rows.map(({ count, keys, afterAwait, parallel, bareSeconds, doors }) => [
    String(count),
    keys,
    afterAwait ? "after await" : "top level",
    String(parallel),
    bareSeconds.toFixed(1),
    doors.plugin.pemBytesPerCert.toFixed(0),
    ...DOOR_NAMES.flatMap((name) => {
      const door = doors[name];
      return [
        door.seconds.toFixed(1),
        door.perBare.toFixed(1),
        door.stateBytesPerCert.toFixed(0),
        (door.stateBytesPerCert / door.pemBytesPerCert).toFixed(2),
        String(door.providerTexts),
        door.providerPeakRssMiB.toFixed(0),
      ];
    }),
  ]);
  return [headers, ...cells];
}

/** Runs the doors benchmark; returns its rows and table. */
export async function benchDoors(): Promise<{ rows: DoorsRow[]; table: string[][] }> {
  const count = doorsCount();
  const cli = cliWithPlugin("doors");
  const algorithm = doorsAlgorithm();
  const declared = declaredAfterAwait() ? "after an await" : "at top level";
  process.stderr.write(
    `doors: Pulumi CLI ${cli.version} (${cli.binDir}), N = ${count}, ${algorithm.label} keys, resources declared ${declared}\n`,
  );
  const simulator = await startPcaSimulatorProcess();
  try {
    const rows: DoorsRow[] = [];
    const doors = [DOORS[0], installedDoor(), DOORS[1]];
    for (const parallel of doorsParallels()) {
      process.stderr.write(
        `doors: ${count} × ${algorithm.label}, bare loop, concurrency ${parallel}\n`,
      );
      const bare = await axiosLoop(simulator.endpoint, algorithm, count, parallel);
      if (bare.failures > 0) {
        throw new Error(`bare loop: ${bare.failures} of ${count} failed; ${bare.firstFailure}`);
      }
      const measured: Partial<DoorsRow["doors"]> = {};
      for (const door of doors) {
        process.stderr.write(
          `doors: ${count} × ${algorithm.label}, ${door.name}, --parallel ${parallel}\n`,
        );
        const up = await doorUp(cli, simulator.endpoint, door, count, parallel, algorithm);
        measured[door.name] = { ...up, perBare: up.seconds / bare.seconds };
        // Each door as it is measured: a long run that is stopped still leaves its figures.
        process.stderr.write(`doors: ${JSON.stringify(measured[door.name])}\n`);
      }
      rows.push({
        count,
        keys: algorithm.label,
        afterAwait: declaredAfterAwait(),
        parallel,
        bareSeconds: bare.seconds,
        doors: measured as DoorsRow["doors"],
      });
    }
    return { rows, table: renderRows(rows) };
  } finally {
    await simulator.stop();
  }
}
