/**
 * The two clients the throughput benchmark sets against the lifecycle runner, both issuing Cisco
 * PCA certificates from the simulator: a bare axios loop (what a hand-written script would do, the
 * floor for certplane's own code) and seed 000's shell workflow (`openssl req` then `curl`, one
 * certificate at a time).
 */
import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import axios, { type AxiosInstance } from "axios";
import { check, create } from "../provider/csr/certificateRequest";

const execFileAsync = promisify(execFile);

/** Validity of every benchmark certificate, in hours (as bench/programs/manyPcaCerts.ts asks). */
export const CERT_DURATION_HOURS = 24;

/** How to reach the simulator's PCA (its CERTPLANE_PCA_* environment). */
export interface PcaEndpoint {
  url: string;
  token: string;
  caCertPem: string;
}

/** How a provider reaches `endpoint`: CERTPLANE_PCA_URL, _TOKEN and _CA_CERT_PEM. */
export function pcaEnvironment(endpoint: PcaEndpoint): Record<string, string> {
  return {
    CERTPLANE_PCA_URL: endpoint.url,
    CERTPLANE_PCA_TOKEN: endpoint.token,
    CERTPLANE_PCA_CA_CERT_PEM: endpoint.caCertPem,
  };
}

/** A key algorithm of the benchmark, in each client's terms. */
export interface AlgorithmCase {
  label: string;
  /** CertificateRequest arguments; `algorithm` is also the bench program's config. */
  csrArgs: { algorithm: "RSA"; rsaBits: 2048 } | { algorithm: "ECDSA"; ecdsaCurve: "P256" };
  /** `openssl req -newkey …` arguments for the same key. */
  opensslNewkey: string[];
}

/** RSA 2048 (seed 000's key) and ECDSA P256 (the cheap key, so the transport shows). */
export const ALGORITHMS: readonly AlgorithmCase[] = [
  {
    label: "RSA 2048",
    csrArgs: { algorithm: "RSA", rsaBits: 2048 },
    opensslNewkey: ["rsa:2048"],
  },
  {
    label: "ECDSA P256",
    csrArgs: { algorithm: "ECDSA", ecdsaCurve: "P256" },
    opensslNewkey: ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
  },
];

/** The CN (and requested username) of certificate `index`, as the bench program names it. */
export function commonName(index: number): string {
  return `device-${index}.example.com`;
}

/** True when `body` is a PEM certificate that parses. */
export function isPemCertificate(body: string): boolean {
  if (!/^-----BEGIN CERTIFICATE-----\r?\n[\s\S]+?-----END CERTIFICATE-----\s*$/.test(body)) {
    return false;
  }
  try {
    new X509Certificate(body);
    return true;
  } catch {
    return false;
  }
}

/** The outcome of one timed loop. */
export interface LoopResult {
  seconds: number;
  failures: number;
  /** What went wrong with the first failed certificate, if any. */
  firstFailure?: string;
}

function signCsrUrl(endpoint: PcaEndpoint, username: string): string {
  const query = `certduration=${CERT_DURATION_HOURS}&format=pem&requestedUsername=${encodeURIComponent(username)}`;
  return `${endpoint.url}/distribution/sign-csr?${query}`;
}

/**
 * Key and CSR through certplane's own CertificateRequest hooks (check + create, as bench/csr.ts
 * does) rather than a second copy with @peculiar/x509: the runner path runs exactly this code, so
 * the runner/axios ratio isolates what the runner, gRPC and the provider process add.
 */
async function csrPem(algorithm: AlgorithmCase, cn: string): Promise<string> {
  const checked = await check({}, { ...algorithm.csrArgs, subject: { commonName: cn } });
  if (checked.failures && checked.failures.length > 0) {
    throw new Error(`bench input rejected: ${JSON.stringify(checked.failures)}`);
  }
  return (await create(checked.inputs)).outs.certRequestPem;
}

async function axiosIssue(
  client: AxiosInstance,
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  index: number,
): Promise<string | undefined> {
  const cn = commonName(index);
  const response = await client.post<string>(
    signCsrUrl(endpoint, cn),
    Buffer.from(await csrPem(algorithm, cn)),
  );
  if (response.status === 200 && isPemCertificate(response.data)) return undefined;
  return `certificate ${index}: HTTP ${response.status} ${String(response.data).slice(0, 200)}`;
}

/**
 * Issues exactly `count` certificates with `concurrency` workers sharing one keep-alive agent.
 * @returns the wall-clock time and the failures (non-200 or not a PEM certificate)
 */
export async function axiosLoop(
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  count: number,
  concurrency: number,
): Promise<LoopResult> {
  // Node honours the server's `Keep-Alive: timeout=5` (closing idle sockets a second before it)
  // only when the agent has a timeout; without one, a socket idle ~5 s while its worker makes an
  // RSA key is reused just as the server closes it, and the POST fails with ECONNRESET.
  const agent = new https.Agent({ keepAlive: true, timeout: 30_000, ca: endpoint.caCertPem });
  const client = axios.create({
    httpsAgent: agent,
    timeout: 30_000,
    responseType: "text",
    validateStatus: () => true,
    headers: {
      Authorization: `Bearer ${endpoint.token}`,
      "Content-Type": "application/octet-stream",
    },
  });
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      const failure = await axiosIssue(client, endpoint, algorithm, index).catch(
        (error: unknown) => `certificate ${index}: ${String(error)}`,
      );
      if (failure !== undefined) failures.push(failure);
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, failures: failures.length, firstFailure: failures[0] };
}

interface ShellFiles {
  dir: string;
  caFile: string;
  headerFile: string;
}

/** Seed 000 steps 1 and 2 for one certificate; undefined when it came back a PEM certificate. */
async function shellIssue(
  files: ShellFiles,
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  index: number,
): Promise<string | undefined> {
  const cn = commonName(index);
  const [key, csr, pem] = ["client.key", "client.csr", "client.pem"].map((name) =>
    path.join(files.dir, name),
  );
  fs.rmSync(pem, { force: true });
  const newkey = ["-newkey", ...algorithm.opensslNewkey];
  await execFileAsync("openssl", [
    "req",
    ...newkey,
    "-nodes",
    "-keyout",
    key,
    "-out",
    csr,
    "-subj",
    `/CN=${cn}`,
  ]);
  // `--cacert` instead of the seed's `-k`; the Authorization header from a file (`-H @file`) so
  // the token is not on a command line other processes can read.
  await execFileAsync("curl", [
    ...["-sS", "--fail", "--cacert", files.caFile, "-X", "POST", signCsrUrl(endpoint, cn)],
    ...["-H", `@${files.headerFile}`, "-H", "Content-Type: application/octet-stream"],
    ...["--data-binary", `@${csr}`, "-o", pem],
  ]);
  return isPemCertificate(fs.readFileSync(pem, "utf8"))
    ? undefined
    : `certificate ${index}: curl wrote no PEM certificate`;
}

/**
 * Seed 000's shell workflow, sequential: `count` times `openssl req -newkey … -nodes -subj` then
 * `curl --data-binary @client.csr` to sign-csr, each a process started asynchronously.
 * @returns the wall-clock time of the loop and its failures
 */
export async function shellLoop(
  endpoint: PcaEndpoint,
  algorithm: AlgorithmCase,
  count: number,
): Promise<LoopResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-bench-shell-"));
  const files = {
    dir,
    caFile: path.join(dir, "ca.pem"),
    headerFile: path.join(dir, "authorization.header"),
  };
  fs.writeFileSync(files.caFile, endpoint.caCertPem);
  fs.writeFileSync(files.headerFile, `Authorization: Bearer ${endpoint.token}\n`, { mode: 0o600 });
  const failures: string[] = [];
  try {
    const started = performance.now();
    for (let index = 0; index < count; index++) {
      const failure = await shellIssue(files, endpoint, algorithm, index).catch(
        (error: unknown) =>
          `certificate ${index}: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (failure !== undefined) failures.push(failure);
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds, failures: failures.length, firstFailure: failures[0] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
