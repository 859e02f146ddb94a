/**
 * CSR generation per algorithm: certplane's CertificateRequest hooks (check + create: key from
 * node:crypto, CSR from @peculiar/x509) against `openssl req`, both for a new key and for a CSR from
 * an existing key. The openssl figures include starting a process (a few ms), as the seed's shell
 * workflow does.
 */
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { check, create } from "../provider/csr/certificateRequest";
import { measure, ms, type Timing } from "./measure";

interface AlgorithmCase {
  label: string;
  args: Record<string, unknown>;
  opensslNewkey: string[];
  nodeKey: () => crypto.KeyObject;
  /** Fewer runs for the slow RSA sizes keep the whole bench near a minute on 2 cores. */
  runs: number;
}

const CASES: AlgorithmCase[] = [
  {
    label: "RSA 2048",
    args: { algorithm: "RSA", rsaBits: 2048 },
    opensslNewkey: ["-newkey", "rsa:2048"],
    nodeKey: () => crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
    runs: 15,
  },
  {
    label: "RSA 3072",
    args: { algorithm: "RSA", rsaBits: 3072 },
    opensslNewkey: ["-newkey", "rsa:3072"],
    nodeKey: () => crypto.generateKeyPairSync("rsa", { modulusLength: 3072 }).privateKey,
    runs: 7,
  },
  {
    label: "RSA 4096",
    args: { algorithm: "RSA", rsaBits: 4096 },
    opensslNewkey: ["-newkey", "rsa:4096"],
    nodeKey: () => crypto.generateKeyPairSync("rsa", { modulusLength: 4096 }).privateKey,
    runs: 5,
  },
  {
    label: "ECDSA P256",
    args: { algorithm: "ECDSA", ecdsaCurve: "P256" },
    opensslNewkey: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
    nodeKey: () => crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey,
    runs: 40,
  },
  {
    label: "ECDSA P384",
    args: { algorithm: "ECDSA", ecdsaCurve: "P384" },
    opensslNewkey: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
    nodeKey: () => crypto.generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey,
    runs: 40,
  },
  {
    label: "ECDSA P521",
    args: { algorithm: "ECDSA", ecdsaCurve: "P521" },
    opensslNewkey: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521"],
    nodeKey: () => crypto.generateKeyPairSync("ec", { namedCurve: "P-521" }).privateKey,
    runs: 40,
  },
  {
    label: "ED25519",
    args: { algorithm: "ED25519" },
    opensslNewkey: ["-newkey", "ed25519"],
    nodeKey: () => crypto.generateKeyPairSync("ed25519").privateKey,
    runs: 40,
  },
];

const SUBJECT = { commonName: "nso-user" };

async function certplaneCsr(args: Record<string, unknown>): Promise<void> {
  const checked = await check({}, { ...args, subject: SUBJECT });
  if (checked.failures && checked.failures.length > 0) {
    throw new Error(`bench input rejected: ${JSON.stringify(checked.failures)}`);
  }
  await create(checked.inputs);
}

function opensslReq(args: string[]): void {
  execFileSync("openssl", ["req", ...args, "-subj", "/CN=nso-user", "-out", "/dev/null"], {
    stdio: "ignore",
  });
}

/** One row of the CSR benchmark. */
export interface CsrRow {
  algorithm: string;
  newKey: { certplane: Timing; openssl: Timing; ratio: number };
  existingKey: { certplane: Timing; openssl: Timing; ratio: number };
}

/** Runs the CSR benchmark; returns its rows and table. */
export async function benchCsr(): Promise<{ rows: CsrRow[]; table: string[][] }> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-bench-csr-"));
  const rows: CsrRow[] = [];
  try {
    for (const c of CASES) {
      const certplaneNew = await measure(c.runs, () => certplaneCsr(c.args));
      const opensslNew = await measure(c.runs, () =>
        opensslReq(["-new", ...c.opensslNewkey, "-nodes", "-keyout", "/dev/null"]),
      );
      const keyPem = c.nodeKey().export({ type: "pkcs8", format: "pem" }).toString();
      const keyFile = path.join(scratch, "key.pem");
      fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
      const certplaneExisting = await measure(c.runs * 2, () =>
        certplaneCsr({ privateKeyPem: keyPem }),
      );
      const opensslExisting = await measure(c.runs * 2, () =>
        opensslReq(["-new", "-key", keyFile]),
      );
      rows.push({
        algorithm: c.label,
        newKey: {
          certplane: certplaneNew,
          openssl: opensslNew,
          ratio: certplaneNew.medianMs / opensslNew.medianMs,
        },
        existingKey: {
          certplane: certplaneExisting,
          openssl: opensslExisting,
          ratio: certplaneExisting.medianMs / opensslExisting.medianMs,
        },
      });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const table = [
    [
      "algorithm",
      "new key: certplane ms",
      "openssl ms",
      "ratio",
      "own key: certplane ms",
      "openssl ms",
      "ratio",
    ],
    ...rows.map((r) => [
      r.algorithm,
      ms(r.newKey.certplane.medianMs),
      ms(r.newKey.openssl.medianMs),
      r.newKey.ratio.toFixed(2),
      ms(r.existingKey.certplane.medianMs),
      ms(r.existingKey.openssl.medianMs),
      r.existingKey.ratio.toFixed(2),
    ]),
  ];
  return { rows, table };
}
