/**
 * Helpers for Oracle SBC specs: the connection to the simulated device, the audit of its lock after
 * each test, and raw HTTPS calls to it (for the wire-level rules). The CA that signs the device's
 * CSRs is OpensslCa in ./testCa.
 */
import { strict as assert } from "node:assert";
import type { Simulator } from "../../simulator";
import { request, type Answer } from "./request";

/** The simulated device's connection: its URL, the admin user, and the CA its certificate chains to. */
export function sbcConnection(sim: Simulator): {
  url: string;
  username: string;
  password: string;
  caCertPem: string;
} {
  const { username, password } = sim.credentials.oraclesbc;
  return { url: sim.urls.oraclesbc, username, password, caCertPem: sim.caCertPem };
}

/** What the simulated device's `audit` action reports about its configuration lock. */
export interface SbcAudit {
  /** The session holding the lock now (null: none). */
  lockHolder: string | null;
  locks: number;
  /** Lock requests refused because another session held it. */
  lockDenied: number;
  configCalls: number;
  /** Configuration calls refused because the caller did not hold the lock. */
  configDenied: number;
  /** The most sessions that ever held the lock at once. */
  maxHolders: number;
  events: { event: string; who: string }[];
}

/** The device's audit now. */
export async function sbcAudit(sim: Simulator): Promise<SbcAudit> {
  return (await sim.action("oraclesbc", "audit")) as unknown as SbcAudit;
}

/** What {@link withSbcAudit} checks beyond "no lock is left held". */
export interface SbcAuditOptions {
  /** Also: no configuration call without the lock, and never two of our sessions wanting it. */
  lockDiscipline?: boolean;
  /** Release a lock left held (after reading the audit), so one failing test does not fail the next. */
  releaseLeftLock?: boolean;
}

/** After each test of the suite: the device holds no lock (and, optionally, the lock was kept). */
export function withSbcAudit(sim: Simulator, options: SbcAuditOptions = {}): void {
  afterEach(async () => {
    const audit = await sbcAudit(sim);
    if (options.releaseLeftLock && audit.lockHolder !== null) {
      await sim.action("oraclesbc", "releaseLock");
    }
    assert.equal(audit.lockHolder, null, "a lock was left held after the test");
    if (options.lockDiscipline) {
      assert.equal(audit.configDenied, 0, "a configuration call was made without the lock");
      assert.equal(audit.lockDenied, 0, "two of our sessions wanted the lock at once");
    }
  });
}

/** One raw answer. */
export type RawAnswer = Answer;

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
  const headers: Record<string, string> = { Accept: opts.accept ?? "application/xml" };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.basic) headers.Authorization = `Basic ${Buffer.from(opts.basic).toString("base64")}`;
  if (opts.body !== undefined) headers["Content-Type"] = opts.contentType ?? "application/xml";
  return request(new URL(path, sim.urls.oraclesbc).toString(), {
    method,
    headers,
    body: opts.body,
    ca: sim.caCertPem,
  });
}

/** Gets a token for the simulator's admin user. */
export async function sbcToken(sim: Simulator): Promise<string> {
  const { username, password } = sim.credentials.oraclesbc;
  const res = await sbcRequest(sim, "POST", "/rest/v1.2/auth/token", {
    basic: `${username}:${password}`,
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
