/**
 * The two front doors under the real Pulumi CLI, side by side: the TypeScript SDK's dynamic
 * resources (bench/programs/manyPcaCerts.ts, served by Pulumi's dynamic-provider process) and the
 * native plugin (bench/programs/manyPcaCertsNative.ts, served by bin/pulumi-resource-certplane on
 * PATH). Both issue the same N ECDSA P-256 Cisco PCA certificates (a CertificateRequest and a
 * pca.SignedCertificate each) against the simulator, at `--parallel` 8 and 32. For each door:
 * the `up` time as a ratio to the bare axios loop (bench/throughputLoops.ts, the same work without
 * Pulumi) measured in the same run at the same concurrency; the state bytes per certificate from
 * `pulumi stack export` and their ratio to the PEMs the certificate's two resources hold; any
 * `__provider` text in state; and the provider process's peak RSS. A `destroy` follows each `up`,
 * not timed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliStack, type ExportedResource, type StackExport } from "../tools/devkit/cliStack";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import { findPulumiCli, type PulumiCli } from "../tools/devkit/pulumiCli";
import { ChildMemorySampler } from "./procSampler";
import { startPcaSimulatorProcess } from "./simulatorProcess";
import { axiosLoop, ALGORITHMS, isPemCertificate, type PcaEndpoint } from "./throughputLoops";

const PARALLELS = [8, 32];
const DEFAULT_COUNT = 500;
/** Longest one `up` or `destroy` of N certificates may take on a loaded machine. */
const OPERATION_TIMEOUT_MS = 3_600_000;
const ECDSA = ALGORITHMS.find((a) => a.label === "ECDSA P256")!;

/** A front door: its program, what serves it, and how to find that process. */
interface Door {
  name: "dynamic" | "plugin";
  program: string;
  /** Matched against the provider process's command line. */
  providerProcess: RegExp;
  env: Record<string, string>;
}

const DOORS: readonly Door[] = [
  {
    name: "dynamic",
    program: path.join(__dirname, "programs", "manyPcaCerts.ts"),
    providerProcess: /cmd\/dynamic-provider/,
    env: {},
  },
  {
    name: "plugin",
    program: path.join(__dirname, "programs", "manyPcaCertsNative.ts"),
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
  parallel: number;
  bareSeconds: number;
  doors: Record<Door["name"], DoorUp & { perBare: number }>;
}

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
): Promise<DoorUp> {
  // Under the repository: the dynamic-provider plugin resolves @pulumi/pulumi from its workspace.
  const stateRoot = fs.mkdtempSync(path.join(REPO_ROOT, ".tmp", `bench-doors-${door.name}-`));
  const stack = new CliStack({
    program: door.program,
    stackName: "bench",
    stateRoot,
    cli,
    env: {
      CERTPLANE_PCA_URL: endpoint.url,
      CERTPLANE_PCA_TOKEN: endpoint.token,
      CERTPLANE_PCA_CA_CERT_PEM: endpoint.caCertPem,
      ...door.env,
    },
    timeoutMs: OPERATION_TIMEOUT_MS,
  });
  try {
    const config = {
      "certplane-bench:count": { value: String(count) },
      "certplane-bench:algorithm": { value: ECDSA.csrArgs.algorithm },
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
    fs.rmSync(stateRoot, { recursive: true, force: true });
  }
}

/** N from BENCH_DOORS_N (one positive whole number), else 500. */
export function doorsCount(raw = process.env.BENCH_DOORS_N): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_COUNT;
  if (!/^[1-9]\d*$/.test(raw.trim())) {
    throw new Error(`BENCH_DOORS_N must be a positive whole number; got ${JSON.stringify(raw)}`);
  }
  return Number(raw.trim());
}

function renderRows(rows: DoorsRow[]): string[][] {
  const headers = [
    "N",
    "parallel",
    "bare loop s",
    "dynamic up s",
    "plugin up s",
    "dynamic ÷ bare",
    "plugin ÷ bare",
    "dynamic state B/cert",
    "plugin state B/cert",
    "PEM B/cert",
    "dynamic state ÷ PEM",
    "plugin state ÷ PEM",
    "dynamic __provider",
    "plugin __provider",
    "dynamic provider peak RSS MiB",
    "plugin provider peak RSS MiB",
  ];
  const cells = rows.map(({ count, parallel, bareSeconds, doors: { dynamic, plugin } }) => [
    String(count),
    String(parallel),
    bareSeconds.toFixed(1),
    dynamic.seconds.toFixed(1),
    plugin.seconds.toFixed(1),
    dynamic.perBare.toFixed(1),
    plugin.perBare.toFixed(1),
    dynamic.stateBytesPerCert.toFixed(0),
    plugin.stateBytesPerCert.toFixed(0),
    plugin.pemBytesPerCert.toFixed(0),
    (dynamic.stateBytesPerCert / dynamic.pemBytesPerCert).toFixed(2),
    (plugin.stateBytesPerCert / plugin.pemBytesPerCert).toFixed(2),
    String(dynamic.providerTexts),
    String(plugin.providerTexts),
    dynamic.providerPeakRssMiB.toFixed(0),
    plugin.providerPeakRssMiB.toFixed(0),
  ]);
  return [headers, ...cells];
}

/** Runs the doors benchmark; returns its rows and table. */
export async function benchDoors(): Promise<{ rows: DoorsRow[]; table: string[][] }> {
  const count = doorsCount();
  const cli = findPulumiCli();
  if (!cli) throw new Error("the doors bench needs the Pulumi CLI (`make pulumi-cli` builds it)");
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider", "plugin", "main.js"))) {
    throw new Error("the plugin door needs dist/ (`npm run build`)");
  }
  process.stderr.write(`doors: Pulumi CLI ${cli.version} (${cli.binDir}), N = ${count}\n`);
  const simulator = await startPcaSimulatorProcess();
  try {
    const rows: DoorsRow[] = [];
    for (const parallel of PARALLELS) {
      process.stderr.write(`doors: ${count} × ECDSA P256, bare loop, concurrency ${parallel}\n`);
      const bare = await axiosLoop(simulator.endpoint, ECDSA, count, parallel);
      if (bare.failures > 0) {
        throw new Error(`bare loop: ${bare.failures} of ${count} failed; ${bare.firstFailure}`);
      }
      const measured: Partial<DoorsRow["doors"]> = {};
      for (const door of DOORS) {
        process.stderr.write(
          `doors: ${count} × ECDSA P256, ${door.name}, --parallel ${parallel}\n`,
        );
        const up = await doorUp(cli, simulator.endpoint, door, count, parallel);
        measured[door.name] = { ...up, perBare: up.seconds / bare.seconds };
        // Each door as it is measured: a long run that is stopped still leaves its figures.
        process.stderr.write(`doors: ${JSON.stringify(measured[door.name])}\n`);
      }
      rows.push({
        count,
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
