/**
 * Helpers for Oracle SBC specs: a simulator running only the oraclesbc vendor, raw HTTPS calls to it
 * (for the wire-level rules) and a throwaway openssl CA that signs the device's CSRs.
 */
import * as https from "node:https";
import { execFileSync } from "node:child_process";
import { startSimulator, type Simulator } from "../../simulator";
import { tempFile } from "./openssl";

/** Starts a simulator with only the Oracle SBC vendor. */
export function startSbcSimulator(): Promise<Simulator> {
  return startSimulator({ vendors: ["oraclesbc"] });
}

/** One raw answer. */
export interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Sends one request to the simulator (trusting its CA) and returns status + body text. */
export function sbcRequest(
  sim: Simulator,
  method: string,
  path: string,
  opts: {
    token?: string;
    basic?: string;
    body?: string;
    contentType?: string;
    accept?: string;
  } = {},
): Promise<RawAnswer> {
  const url = new URL(path, sim.urls.oraclesbc);
  const headers: Record<string, string> = { Accept: opts.accept ?? "application/xml" };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.basic) headers.Authorization = `Basic ${Buffer.from(opts.basic).toString("base64")}`;
  if (opts.body !== undefined) headers["Content-Type"] = opts.contentType ?? "application/xml";
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, headers, ca: sim.caCertPem, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            headers: res.headers,
          }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Gets a token for the simulator's admin user. */
export async function sbcToken(sim: Simulator): Promise<string> {
  const creds = sim.credentials.oraclesbc;
  const res = await sbcRequest(sim, "POST", "/rest/v1.2/auth/token", {
    basic: `${creds.username}:${creds.password}`,
  });
  const token = /<accessToken>([^<]+)<\/accessToken>/.exec(res.body)?.[1];
  if (!token) throw new Error(`no token: HTTP ${res.status} ${res.body}`);
  return token;
}

/** The `<configElement>` XML of a certificate-record. */
export function recordXml(attributes: Record<string, string | string[]>): string {
  const items = Object.entries(attributes)
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value]).map((v) => `<value>${v}</value>`);
      return `<attribute><name>${name}</name>${values.join("")}</attribute>`;
    })
    .join("");
  return `<configElement><elementType>certificate-record</elementType>${items}</configElement>`;
}

/** A CA made with openssl that signs CSRs (copying their extensions). */
export class OpensslCa {
  private constructor(
    readonly certPem: string,
    private readonly certFile: string,
    private readonly keyFile: string,
  ) {}

  /** Makes a new EC P-256 self-signed CA. */
  static create(name = "SBC test CA"): OpensslCa {
    const keyFile = tempFile("ca.key", "");
    const certFile = tempFile("ca.pem", "");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "30",
        "-subj",
        `/CN=${name}`,
      ],
      { stdio: "ignore" },
    );
    return new OpensslCa(execFileSync("cat", [certFile], { encoding: "utf8" }), certFile, keyFile);
  }

  /** Signs a CSR for `days` days and returns the certificate PEM. */
  sign(csrPem: string, days = 30): string {
    const csrFile = tempFile("req.csr", csrPem);
    return execFileSync(
      "openssl",
      [
        "x509",
        "-req",
        "-in",
        csrFile,
        "-CA",
        this.certFile,
        "-CAkey",
        this.keyFile,
        "-CAcreateserial",
        "-days",
        String(days),
        "-copy_extensions",
        "copy",
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
  }
}
