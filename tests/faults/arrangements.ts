/**
 * How each cell is set up and what it must end in. The expectation is the retry contract (README
 * "Retries"): 429 and 503 are waited out and retried for every request; a timeout, reset, 500 or
 * malformed answer is retried only for requests that can be repeated safely; everything else is a
 * typed error naming the cause and the fix. Cells that cannot apply (a client certificate on a
 * bearer-token API) are `undefined` and show as "-".
 */
import type { FaultSpec, Simulator } from "../../simulator";
import { simulatorFault, TIMEOUT_SECONDS, type FaultKind } from "./faultKinds";
import type { Operation } from "./operations";
import type { Rig } from "./rigs";

/** A cell's setup and expectation. */
export interface Arrangement {
  faults: FaultSpec[];
  env: Record<string, string>;
  before?: (sim: Simulator) => Promise<unknown>;
  /** "retried": the step succeeds; otherwise what the error message must say. */
  expect: "retried" | RegExp[];
  /**
   * The step leaves exactly one vendor object no API can find again (a vendor limitation, named in
   * `reason`); `cleanup` removes it as an operator would, so the healing run can proceed.
   */
  vendorOrphan?: {
    reason: string;
    cleanup: (sim: Simulator, ids: string[]) => Promise<unknown>;
  };
}

/** A CA and a client certificate the simulator does not trust, and proxies that refuse tunnels. */
export interface Strangers {
  caCertPem: string;
  clientCertificatePem: string;
  clientPrivateKeyPem: string;
  /** `http://127.0.0.1:<port>` of a CONNECT proxy answering every tunnel with that status. */
  refusingProxyUrls: Record<407 | 502, string>;
}

const ORIGIN = "https://127\\.0\\.0\\.1:\\d+";

/** Faults after which the vendor did the work although the client never learned of it. */
const actedUpon = (kind: FaultKind) => kind === "timeout" || kind === "malformed";

/**
 * AppViewX documents no SSH-certificate search, and revoke needs the serial or the certificate: a
 * certificate whose enroll answer was lost cannot be found again by any API. (An operator revokes
 * it in the console; the simulator's `revoke` action plays that part.)
 */
const APPVIEWX_UNFINDABLE = {
  reason: "AppViewX has no SSH-certificate search API",
  cleanup: async (sim: Simulator, ids: string[]) => {
    for (const serialNumber of ids) {
      await sim.action("appviewx", "revoke", { serialNumber });
    }
  },
};

/** What the error for a fault that is not retried must say, besides "Fix:". */
function causeOf(kind: FaultKind, op: Operation): RegExp[] {
  const ambiguous = op.idempotent ? [] : [/may have acted on it/];
  switch (kind) {
    case "timeout":
      return [new RegExp(`no answer from ${ORIGIN} within ${TIMEOUT_SECONDS} s\\.`), ...ambiguous];
    case "reset":
      return [new RegExp(`the connection to ${ORIGIN} failed \\(ECONNRESET\\)`), ...ambiguous];
    case "500":
      return [/\(HTTP 500\b/];
    case "malformed":
      return [/body that is not/, ...ambiguous];
    default:
      return [];
  }
}

/**
 * The arrangement for one cell, or undefined when the fault cannot apply to the request.
 * @param strangers - untrusted CA and client certificate
 */
export function arrange(
  rig: Rig,
  op: Operation,
  kind: FaultKind,
  strangers: Strangers,
): Arrangement | undefined {
  const prefix = `CERTPLANE_${rig.envPrefix}_`;
  const selector = { vendor: op.vendor, method: op.method, path: op.path };
  if (kind === "malformed" && op.bodyless) return undefined;
  const fault = simulatorFault(kind, selector);
  if (fault) {
    const transient = kind === "429" || kind === "503+Retry-After";
    return {
      faults: [fault],
      env: kind === "timeout" ? { [`${prefix}TIMEOUT_SECONDS`]: String(TIMEOUT_SECONDS) } : {},
      expect:
        transient || op.idempotent || (op.recovers && actedUpon(kind))
          ? "retried"
          : causeOf(kind, op),
      ...(op.vendor === "appviewx" && op.name === "enroll" && actedUpon(kind)
        ? { vendorOrphan: APPVIEWX_UNFINDABLE }
        : {}),
    };
  }
  switch (kind) {
    case "untrusted CA":
      if (!op.first) return undefined;
      return {
        faults: [],
        env: { [`${prefix}CA_CERT_PEM`]: strangers.caCertPem },
        expect: [new RegExp(`the server certificate of ${ORIGIN} is not trusted`), /caCertPem/],
      };
    case "bad client cert":
      if (!op.mtls) return undefined;
      return {
        faults: [],
        env: {
          [`${prefix}CLIENT_CERTIFICATE_PEM`]: strangers.clientCertificatePem,
          [`${prefix}CLIENT_PRIVATE_KEY_PEM`]: strangers.clientPrivateKeyPem,
        },
        expect: [/client certificate/i, /clientCertificatePem/],
      };
    case "expired token":
      return expiredToken(rig, op, prefix, selector);
    case "proxy 407":
    case "proxy 502":
      return refusingProxy(op, kind === "proxy 407" ? 407 : 502, strangers);
    case "426 upgrade":
      // The SBC answers plain HTTP with 426 (vendor-apis.md 1.1). certplane only sends https://, so
      // this is a TLS-terminating proxy or load balancer forwarding plain HTTP to the device:
      // repeating cannot help, and the error must say where the HTTPS is lost.
      if (op.vendor !== "oraclesbc" || !op.first) return undefined;
      return {
        faults: [
          {
            ...selector,
            kind: "status",
            status: 426,
            body: "",
            headers: { upgrade: "TLS/1.2, HTTP/1.1" },
          },
        ],
        env: {},
        expect: [/\(HTTP 426\b/, /HTTPS/],
      };
    case "lock busy":
      if (!op.lock) return undefined;
      // Another user holds the lock for 1.5 s: certplane waits (423 retried with backoff) and proceeds.
      return {
        faults: [],
        env: {},
        before: (sim) => sim.action("oraclesbc", "holdLock", { ms: 1500 }),
        expect: "retried",
      };
    default:
      return undefined;
  }
}

function expiredToken(
  rig: Rig,
  op: Operation,
  prefix: string,
  selector: { vendor: string; method: string; path: string },
): Arrangement | undefined {
  if (rig.name === "oraclesbc") {
    // The SBC's session token expires on the device's schedule: a 401 mid-step makes certplane
    // log in again (and re-take the lock) once, then carry on.
    if (!op.lock) return undefined;
    return {
      faults: [{ ...selector, kind: "status", status: 401, body: "" }],
      env: {},
      expect: "retried",
    };
  }
  if (!op.first || !rig.credentialEnv || op.credential === false) return undefined;
  if (rig.name === "appviewx" && op.name !== "login") return undefined;
  return {
    faults: [],
    env: { [rig.credentialEnv]: `expired-${rig.name}-credential` },
    expect: [/\(HTTP 401\b/, new RegExp(`${prefix}|certplane:`)],
  };
}

/**
 * The run reaches the vendor through a proxy (HTTPS_PROXY, as a user behind one sets it) that
 * refuses the tunnel. Tried on the first request of each create (the proxy path is the same for
 * every request of a client): a typed error naming the proxy and what to do, nothing sent.
 */
function refusingProxy(
  op: Operation,
  status: 407 | 502,
  strangers: Strangers,
): Arrangement | undefined {
  if (!op.first || op.step !== "create") return undefined;
  const url = strangers.refusingProxyUrls[status];
  const refused = new RegExp(
    `the proxy ${url.replace(/\./g, "\\.")} .*refused the tunnel to 127\\.0\\.0\\.1:\\d+: HTTP ${status}`,
  );
  return {
    faults: [],
    // The machine's own proxy settings must not send the run elsewhere (or around the proxy).
    env: { HTTPS_PROXY: url, https_proxy: url, NO_PROXY: "", no_proxy: "" },
    expect: [
      refused,
      status === 407 ? /the proxy requires authentication/ : /the proxy could not reach/,
    ],
  };
}
