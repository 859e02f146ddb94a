// The Oracle SBC vendor module: REST v1.2 certificate-record workflow with the configuration lock.
// HTTPS only, like the device; plain HTTP never reaches a handler because the core listener speaks
// TLS only (a plain-HTTP request fails the handshake instead of getting the device's 426).
import type { JsonObject, JsonValue } from "../core/json";
import {
  VendorActionError,
  type VendorContext,
  type VendorInstance,
  type VendorModule,
} from "../core/vendorModule";
import {
  MANAGEMENT_ACTIONS,
  OTHER_USER,
  SbcDevice,
  type DeviceRecord,
  type ManagementAction,
} from "./device";
import { sbcRoutes } from "./routes";
import { sbcError } from "./xmlEnvelope";

function numberField(input: JsonValue, field: string, min: number): number | undefined {
  const value =
    input && typeof input === "object" && !Array.isArray(input) ? input[field] : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min)
    throw new VendorActionError(
      `${field} must be a number of at least ${min}; got ${String(value)}`,
    );
  return value;
}

/** `synchronousActions`: undefined when absent, else a de-duplicated list of management actions. */
function actionsField(input: JsonValue, field: string): ManagementAction[] | undefined {
  const value =
    input && typeof input === "object" && !Array.isArray(input) ? input[field] : undefined;
  if (value === undefined) return undefined;
  const known: readonly string[] = MANAGEMENT_ACTIONS;
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== "string" || !known.includes(item))
  )
    throw new VendorActionError(
      `${field} must be an array of ${MANAGEMENT_ACTIONS.map((a) => `"${a}"`).join(", ")}; ` +
        `got ${JSON.stringify(value)}`,
    );
  return MANAGEMENT_ACTIONS.filter((action) => value.includes(action));
}

function holderDescription(device: SbcDevice): string | null {
  const holder = device.currentHolder();
  if (!holder) return null;
  return holder.kind === "other" ? OTHER_USER : `rest ${holder.token.slice(-8)}`;
}

function createInstance(context: VendorContext): VendorInstance {
  const device = new SbcDevice(context.clock);
  return {
    routes: sbcRoutes(device),
    formatError: (status, message) => sbcError(status, message),
    inventory: (): JsonObject => ({
      lockHolder: holderDescription(device),
      records: [...device.records].map(([name, record]) => ({
        name,
        commonName: record.attributes["common-name"]?.[0] ?? "",
        hasKey: record.privateKeyPem !== undefined,
        hasCertificate: record.certificatePem !== undefined,
      })),
      latestJob: device.job ? device.job.operation : null,
    }),
    snapshot: (): JsonValue => ({
      password: device.password,
      records: Object.fromEntries(
        [...device.records].map(([name, record]) => [name, { ...record } as JsonObject]),
      ),
    }),
    restore: (snapshot: JsonValue) => {
      const saved = snapshot as unknown as {
        password: string;
        records: Record<string, DeviceRecord>;
      };
      device.password = saved.password;
      device.clear();
      device.records = new Map(Object.entries(saved.records));
    },
    reset: () => {
      device.clear();
    },
    env: (endpoint) => ({
      CERTPLANE_ORACLESBC_URL: endpoint.url,
      CERTPLANE_ORACLESBC_USERNAME: device.username,
      CERTPLANE_ORACLESBC_PASSWORD: device.password,
      CERTPLANE_ORACLESBC_CA_CERT_PEM: endpoint.caCertPem,
    }),
    credentials: () => ({ username: device.username, password: device.password }),
    sessionCredentials: () => [...device.tokens.keys()],
    actions: {
      /** `{ms?}`: another user takes the lock (released after `ms`, else only by releaseLock). */
      holdLock: (input) => {
        const ms = numberField(input, "ms", 0);
        if (device.currentHolder()) throw new VendorActionError("the lock is already held", 409);
        device.lock = { kind: "other", untilMs: ms === undefined ? undefined : Date.now() + ms };
        device.record("lock", OTHER_USER);
        return { holder: OTHER_USER };
      },
      /** Releases whatever holds the lock (an operator clearing a stuck session). */
      releaseLock: () => {
        const was = holderDescription(device);
        device.lock = undefined;
        if (was) device.record("unlock", was);
        return { released: was };
      },
      /**
       * `{tokenLifetimeSeconds?, generateLatencyMs?, jobDurationMs?, synchronousActions?}`; fields
       * left out keep their value. `synchronousActions` lists the management actions answered 200
       * at once instead of 202 + an asyncstatus job (`[]`, the default, makes all three async).
       */
      configure: (input) => {
        const lifetime = numberField(input, "tokenLifetimeSeconds", 1);
        const latency = numberField(input, "generateLatencyMs", 0);
        const job = numberField(input, "jobDurationMs", 0);
        const synchronous = actionsField(input, "synchronousActions");
        if (lifetime !== undefined) device.settings.tokenLifetimeSeconds = lifetime;
        if (latency !== undefined) device.settings.generateLatencyMs = latency;
        if (job !== undefined) device.settings.jobDurationMs = job;
        if (synchronous !== undefined) device.settings.synchronousActions = synchronous;
        return { ...device.settings, synchronousActions: [...device.settings.synchronousActions] };
      },
      /** The lock and configuration-call audit (events in order, plus summary counts). */
      audit: () => {
        const count = (event: string) => device.audit.filter((e) => e.event === event).length;
        return {
          lockHolder: holderDescription(device),
          locks: count("lock"),
          lockDenied: count("lock-denied"),
          configCalls: count("config"),
          configDenied: count("config-denied"),
          maxHolders: maxHolders(device),
          events: device.audit.map((e) => ({ ...e, call: e.call ?? null })),
        };
      },
      /** Clears the audit. */
      clearAudit: () => {
        device.audit = [];
        return {};
      },
    },
  };
}

// Replays the audit: how many parties held the lock at once (1 at most on a correct device; a value
// above 1 would mean the simulator itself broke the rule).
function maxHolders(device: SbcDevice): number {
  let holders = 0;
  let max = 0;
  for (const e of device.audit) {
    if (e.event === "lock") holders += 1;
    if (e.event === "unlock" || e.event === "lock-expired") holders -= 1;
    max = Math.max(max, holders);
  }
  return max;
}

/** The Oracle SBC simulator (vendor-apis.md section 1, seed 003). */
export const oraclesbcModule: VendorModule = {
  name: "oraclesbc",
  title: "Oracle Communications SBC REST v1.2",
  portOffset: 5,
  create: (context) => createInstance(context),
};
