/**
 * Runs the openssl CLI on PEM text (written to a temp file), so tests judge our output with the tool
 * users would use.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

let dir: string | undefined;

/** Writes `content` (text or bytes) to a fresh temp file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "certplane-openssl-"));
  const file = path.join(dir, `${Date.now()}-${Math.random().toString(16).slice(2)}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs `openssl args…` and returns stdout+stderr; throws with the output when it exits non-zero. */
export function openssl(args: string[]): string {
  try {
    return execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`openssl ${args.join(" ")} failed: ${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/** `openssl req -verify` on a CSR: returns the combined output (throws when the signature is bad). */
export function verifyCsr(csrPem: string): { subject: string; text: string } {
  const file = tempFile("req.csr", csrPem);
  const verify = execFileSync(
    "openssl",
    ["req", "-in", file, "-noout", "-verify", "-subject", "-nameopt", "RFC2253"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const text = openssl(["req", "-in", file, "-noout", "-text"]);
  const subject = /subject=(.*)/.exec(verify)?.[1]?.trim() ?? "";
  return { subject, text };
}

/** `openssl req -pubkey` on a CSR: the public key it carries, as PEM. */
export function csrPublicKey(csrPem: string): string {
  return openssl(["req", "-in", tempFile("req.csr", csrPem), "-noout", "-pubkey"]);
}

/**
 * `openssl req -new -newkey <key> -nodes`: a CSR for `subject` (openssl's `/CN=…/O=…` form) over a
 * fresh key — P-256 unless `key` names another (`rsa:2048`) — with both written to temp files.
 */
export function newKeyAndCsr(
  subject: string,
  key = "ec",
): { csrPem: string; keyPem: string; csrFile: string; keyFile: string } {
  const keyFile = tempFile("new.key", "");
  const csrFile = tempFile("new.csr", "");
  const keyOptions =
    key === "ec" ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"] : ["-newkey", key];
  openssl([
    "req",
    "-new",
    ...keyOptions,
    "-nodes",
    "-keyout",
    keyFile,
    "-out",
    csrFile,
    "-subj",
    subject,
  ]);
  return {
    csrPem: fs.readFileSync(csrFile, "utf8"),
    keyPem: fs.readFileSync(keyFile, "utf8"),
    csrFile,
    keyFile,
  };
}
