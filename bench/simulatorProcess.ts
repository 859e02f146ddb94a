/**
 * The simulator's PCA in a process of its own (`simulator/cli.ts --vendors pca`), so its CPU is the
 * same for every client a benchmark compares and is not in the bench process that runs the bare
 * loop (bench/throughput.ts and bench/doors.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT } from "../tools/devkit/packageLink";
import type { PcaEndpoint } from "./throughputLoops";

/** How long the simulator may take to write its env file (tsx compiles it first). */
const START_MS = 60_000;
const STOP_MS = 10_000;
const POLL_MS = 100;

/**
 * Parses the simulator's dotenv file (simulator/core/dotenv.ts only formats it): `NAME=bare` or
 * `NAME="…"` with `\n`, `\"` and `\\` escapes; other lines are ignored. Only lines ended by a
 * newline count, so a file still being written never yields a truncated value.
 */
export function parseDotenv(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split("\n").slice(0, -1)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const [, name, raw] = match;
    if (!raw.startsWith('"')) variables[name] = raw;
    else if (raw.length >= 2 && raw.endsWith('"')) {
      variables[name] = raw
        .slice(1, -1)
        .replace(/\\(.)/g, (_escape, char: string) => (char === "n" ? "\n" : char));
    }
  }
  return variables;
}

/** A running simulator process and its PCA endpoint. */
export interface SimulatorProcess {
  endpoint: PcaEndpoint;
  /** Sends SIGTERM and waits for the exit (SIGKILL after a bound). */
  stop(): Promise<void>;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function waitForEndpoint(
  envFile: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<PcaEndpoint> {
  for (let waited = 0; waited < START_MS; waited += POLL_MS) {
    if (hasExited(child)) throw new Error(`the simulator exited at start: ${stderr()}`);
    const variables = parseDotenv(fs.existsSync(envFile) ? fs.readFileSync(envFile, "utf8") : "");
    const { CERTPLANE_PCA_URL: url, CERTPLANE_PCA_TOKEN: token } = variables;
    const caCertPem = variables.CERTPLANE_PCA_CA_CERT_PEM;
    if (url && token && caCertPem) return { url, token, caCertPem };
    await sleep(POLL_MS);
  }
  throw new Error(`the simulator wrote no PCA environment within ${START_MS} ms: ${stderr()}`);
}

/** Starts the simulator's PCA in its own process and reads its endpoint. */
export async function startPcaSimulatorProcess(): Promise<SimulatorProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-bench-sim-"));
  const envFile = path.join(dir, "sim.env");
  const child = spawn(
    path.join(REPO_ROOT, "node_modules", ".bin", "tsx"),
    ["simulator/cli.ts", "--vendors", "pca", "--quiet", "--write-env", envFile],
    { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  // Only the tail explains a failed start.
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (!hasExited(child)) child.kill("SIGTERM");
    const timedOut = await Promise.race([
      exited.then(() => false),
      sleep(STOP_MS, undefined, { ref: false }).then(() => true),
    ]);
    if (timedOut) {
      child.kill("SIGKILL");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    return { endpoint: await waitForEndpoint(envFile, child, () => stderr), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
