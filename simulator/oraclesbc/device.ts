// The state of one simulated SBC: REST tokens, the single configuration lock (bound to a token, as
// vendor-apis.md 1.5 says), certificate-records with their device keys, the latest async job, and an
// audit of lock traffic and configuration calls so tests can prove the provider's lock discipline.
import { createPrivateKey, randomBytes, X509Certificate } from "node:crypto";
import type { SimulatorClock } from "../core/clock";
import type { RecordAttributes } from "./recordAttributes";

/** Who "another user" is when a control action holds the lock. */
export const OTHER_USER = "acli-admin (simulated other user)";

/** One certificate-record on the device. */
export interface DeviceRecord {
  attributes: RecordAttributes;
  /** PKCS#8 PEM of the device key; set by generateRequest. */
  privateKeyPem?: string;
  /** The last CSR generated. */
  csrPem?: string;
  /** The imported certificate (leaf PEM). */
  certificatePem?: string;
}

/** One issued access token. */
export interface DeviceToken {
  user: string;
  /** Expiry in simulator-clock milliseconds. */
  expiresAt: number;
}

/** Who holds the configuration lock. */
export type LockHolder = { kind: "token"; token: string } | { kind: "other"; untilMs?: number };

/** One lock or configuration event, for the audit. */
export interface AuditEvent {
  /** Real time, ms. */
  at: number;
  /** `lock`, `unlock`, `lock-denied`, `unlock-denied`, `lock-expired`, `config`, `config-denied`. */
  event: string;
  /** Short token id (first 8 characters of its SHA-free random part) or the other user. */
  who: string;
  /** For config events: `METHOD path`. */
  call?: string;
}

/** The latest asynchronous job (save/verify/activate). */
export interface AsyncJob {
  operation: string;
  /** Real time the job ends, ms. */
  doneAt: number;
}

/** Tunables changed through control actions. */
export interface DeviceSettings {
  /** @defaultValue 600 */
  tokenLifetimeSeconds: number;
  /** Extra wait inside generateRequest. @defaultValue 0 */
  generateLatencyMs: number;
  /** How long save/verify/activate report `inProgress`. @defaultValue 100 */
  jobDurationMs: number;
  /**
   * Management actions the device completes within the request: answered 200 with their result,
   * never started as a job, so asyncstatus keeps reporting the previous job. @defaultValue []
   */
  synchronousActions: ManagementAction[];
}

/** The save/verify/activate actions of configuration/management. */
export const MANAGEMENT_ACTIONS = ["save", "verify", "activate"] as const;
/** One of {@link MANAGEMENT_ACTIONS}. */
export type ManagementAction = (typeof MANAGEMENT_ACTIONS)[number];

/** The device. */
export class SbcDevice {
  readonly username = "admin";
  password: string;
  readonly tokens = new Map<string, DeviceToken>();
  records = new Map<string, DeviceRecord>();
  lock: LockHolder | undefined;
  job: AsyncJob | undefined;
  audit: AuditEvent[] = [];
  settings: DeviceSettings = {
    tokenLifetimeSeconds: 600,
    generateLatencyMs: 0,
    jobDurationMs: 100,
    synchronousActions: [],
  };

  /**
   * @param clock - the simulator clock (token expiry)
   * @param password - the admin password
   */
  constructor(
    private readonly clock: SimulatorClock,
    password = randomBytes(12).toString("base64url"),
  ) {
    this.password = password;
  }

  /** Back to an empty device: no tokens, records, lock, job or audit (password and settings kept). */
  clear(): void {
    this.tokens.clear();
    this.records = new Map();
    this.lock = undefined;
    this.job = undefined;
    this.audit = [];
  }

  /** Issues a token (opaque base64 text beginning like the device's: `user,<date>,<random>`). */
  issueToken(user: string): string {
    const now = this.clock.now();
    const token = Buffer.from(
      `${user},${now.toISOString()},${randomBytes(18).toString("hex")}`,
    ).toString("base64");
    this.tokens.set(token, {
      user,
      expiresAt: now.getTime() + this.settings.tokenLifetimeSeconds * 1000,
    });
    return token;
  }

  /** True when `token` was issued here and has not expired by the simulator clock. */
  tokenValid(token: string): boolean {
    const entry = this.tokens.get(token);
    return entry !== undefined && entry.expiresAt > this.clock.now().getTime();
  }

  /** The current lock holder after dropping a lock whose token expired or whose hold ended. */
  currentHolder(): LockHolder | undefined {
    const holder = this.lock;
    if (holder?.kind === "token" && !this.tokenValid(holder.token)) {
      this.record("lock-expired", short(holder.token));
      this.lock = undefined;
    } else if (holder?.kind === "other" && holder.untilMs !== undefined) {
      if (Date.now() >= holder.untilMs) {
        this.record("unlock", OTHER_USER);
        this.lock = undefined;
      }
    }
    return this.lock;
  }

  /** True when `token` holds the lock. */
  holds(token: string): boolean {
    const holder = this.currentHolder();
    return holder?.kind === "token" && holder.token === token;
  }

  /**
   * Appends an audit event.
   * @param event - event name
   * @param who - short holder id
   * @param call - the configuration call
   */
  record(event: string, who: string, call?: string): void {
    this.audit.push({ at: Date.now(), event, who, call });
  }

  /** The certificate's SPKI matches the record's device key. */
  static keyMatches(record: DeviceRecord, certificatePem: string): boolean {
    if (!record.privateKeyPem) return false;
    const cert = new X509Certificate(certificatePem);
    return cert.checkPrivateKey(createPrivateKey(record.privateKeyPem));
  }
}

/**
 * The short form of a token used in audit lines and messages (never the whole token).
 * @param token - the token
 */
export function short(token: string): string {
  return `token#${token.slice(-8)}`;
}
