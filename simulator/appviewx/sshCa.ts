// SSH certificate authorities of the AppViewX simulator. Certificates are signed by `ssh-keygen -s`
// (real OpenSSH signatures), run asynchronously: the simulator shares its process with tests.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import sshpk from "sshpk";

const run = promisify(execFile);

/** An SSH CA as CERT+ lists it. */
export interface SshCa {
  name: string;
  /** Which certificate types it may sign. */
  signs: ("User" | "Host")[];
  status: "Active" | "Inactive";
  /** End of the CA's own validity (epoch ms): certificates may not outlive it (ERR-SSH_NB-264). */
  validToMs: number;
  /** OpenSSH private key (PEM). Secret. */
  privateKeyOpenssh: string;
}

/** The seeded CAs (names from seed 002's samples, plus one per documented error condition). */
export function seededCas(nowMs: number): SshCa[] {
  const year = 365 * 86_400_000;
  const ca = (
    name: string,
    signs: SshCa["signs"],
    status: SshCa["status"],
    validToMs: number,
  ): SshCa => ({
    name,
    signs,
    status,
    validToMs,
    privateKeyOpenssh: sshpk.generatePrivateKey("ed25519").toString("openssh"),
  });
  return [
    ca("testVendor.user.ca", ["User"], "Active", nowMs + 10 * year),
    ca("test-ssh-avx-ca", ["User", "Host"], "Active", nowMs + 10 * year),
    ca("avx-host-ca", ["Host"], "Active", nowMs + 10 * year),
    ca("retired-user-ca", ["User"], "Inactive", nowMs + 10 * year),
    ca("short-lived-user-ca", ["User"], "Active", nowMs + 30 * 86_400_000),
  ];
}

/** `ED25519 SHA256:…` as AppViewX shows a signing CA. */
export function caFingerprint(ca: SshCa): string {
  const key = sshpk.parsePrivateKey(ca.privateKeyOpenssh, "openssh");
  return `${key.type.toUpperCase()} ${key.fingerprint("sha256").toString()}`;
}

/** What to sign. */
export interface SignRequest {
  publicKey: string;
  keyId: string;
  principals: string[];
  certType: "User" | "Host";
  serial: bigint;
  validFromMs: number;
  validToMs: number;
}

function openSshTime(ms: number): string {
  // ssh-keygen -V takes YYYYMMDDHHMMSS in UTC with a trailing Z.
  return `${new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}

/** Signs with `ssh-keygen -s`; returns the certificate line (`<type>-cert-v01@openssh.com …`). */
export async function signWithSshKeygen(ca: SshCa, request: SignRequest): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-sim-ssh-"));
  try {
    const caFile = path.join(dir, "ca");
    fs.writeFileSync(caFile, ca.privateKeyOpenssh, { mode: 0o600 });
    const keyFile = path.join(dir, "key.pub");
    fs.writeFileSync(keyFile, `${request.publicKey.trim()}\n`);
    const args = [
      "-q",
      "-s",
      caFile,
      "-I",
      request.keyId,
      "-n",
      request.principals.join(","),
      "-z",
      request.serial.toString(),
      "-V",
      `${openSshTime(request.validFromMs)}:${openSshTime(request.validToMs)}`,
    ];
    if (request.certType === "Host") args.push("-h");
    await run("ssh-keygen", [...args, keyFile], { timeout: 30_000 });
    return fs.readFileSync(path.join(dir, "key-cert.pub"), "utf8").trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
