// The contract between the simulator core and a vendor folder (simulator/<vendor>/). A vendor is a
// module object registered in simulator/vendors.ts; the core gives it a listener, a clock, request
// counting, faults, persistence and the control API. See README.md in this folder.
import type { SimulatorClock } from "./clock";
import type { JsonObject, JsonValue } from "./json";
import type { SimResponse } from "./response";
import type { Route } from "./router";

/** What the core hands a vendor when creating it. */
export interface VendorContext {
  /** The simulator clock: use it for every validity and expiry decision. */
  readonly clock: SimulatorClock;
  /**
   * Another running vendor's {@link VendorInstance.peerApi}, looked up lazily (call it inside
   * handlers, not in `create`); undefined when that vendor is not running.
   * @param vendor - the other vendor's name
   */
  peer<T>(vendor: string): T | undefined;
  /**
   * Writes one diagnostic line (the CLI prints it to stderr unless `--quiet`).
   * @param line - the message
   */
  log(line: string): void;
}

/** Where a vendor's listener ended up, passed to {@link VendorInstance.env}. */
export interface VendorEndpoint {
  /** Base URL of the vendor listener, e.g. `https://127.0.0.1:43123` (no trailing slash). */
  url: string;
  /** PEM of the simulator root CA that signed the listener's TLS certificate. */
  caCertPem: string;
}

/**
 * A vendor control action (`POST /control/vendors/<vendor>/actions/<name>`, `sim.action()`).
 * Gets the JSON body (`{}` when empty), returns a JSON result; throw {@link VendorActionError}
 * for a bad input.
 */
export type VendorAction = (input: JsonValue) => JsonValue | Promise<JsonValue>;

/** Thrown by a {@link VendorAction} to answer the control API with a 4xx and a message. */
export class VendorActionError extends Error {
  /**
   * @param message - what was wrong, the value seen and what is allowed
   * @param status - HTTP status for the control API
   * @defaultValue status 400
   */
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "VendorActionError";
  }
}

/** One running vendor: its routes, state and contributions to env, credentials and control. */
export interface VendorInstance {
  /** The vendor's HTTP routes (first match wins). */
  readonly routes: readonly Route[];
  /**
   * Ask TLS clients for a certificate (never enforced by TLS: read `request.clientCertificate`
   * and check it with `verifyClientCertificate` to answer with the vendor's own errors).
   * @defaultValue false
   */
  readonly requestClientCertificate?: boolean;
  /**
   * Renders the errors the core produces itself (404 no route, 405, 413 body too large,
   * 400 unparseable body, 500 handler crash) in the vendor's error format.
   * @defaultValue - JSON `{"error": <reason phrase>, "message": <message>}`
   */
  formatError?(status: number, message: string): SimResponse;
  /** What exists now, for `GET /control/inventory` and `sim.inventory()` (no secrets needed). */
  inventory(): JsonObject;
  /** Everything needed to survive a restart (secrets included), as JSON. */
  snapshot(): JsonValue;
  /** Replaces the state with a {@link VendorInstance.snapshot} from the state file. */
  restore(snapshot: JsonValue): void | Promise<void>;
  /** Back to the freshly seeded inventory; keep credentials and CAs so the printed env stays valid. */
  reset(): void | Promise<void>;
  /** The `CERTPLANE_<VENDOR>_*` variables a program needs to reach this vendor. */
  env(endpoint: VendorEndpoint): Record<string, string>;
  /** Credentials and seeded identifiers for tests and the docs (single-line values print in the CLI). */
  credentials(): Record<string, string>;
  /**
   * The session credentials this vendor minted and still holds (SBC access tokens, AppViewX
   * sessionIds, NetFoundry OAuth access tokens): secrets a client must never print, which a
   * secret scan looks for. The core keeps those a reset drops (`sim.sessionCredentials()`).
   * @defaultValue - the vendor mints none
   */
  sessionCredentials?(): string[];
  /** Vendor-specific control actions by name. */
  readonly actions?: Readonly<Record<string, VendorAction>>;
  /** What other vendors get from `context.peer(<this vendor>)`. */
  readonly peerApi?: unknown;
}

/** A vendor as registered in simulator/vendors.ts. */
export interface VendorModule {
  /** Lower-case name, `[a-z][a-z0-9-]*`: the key in URLs, counts, faults and the state file. */
  readonly name: string;
  /** Human-readable title for logs and docs. */
  readonly title: string;
  /**
   * Port offset: with `--port-base N` the vendor listens on N + portOffset. Unique, at least 1
   * (0 is the control API). Reserved: pca 1, zitadel 2, appviewx 3, netfoundry 4, oraclesbc 5.
   */
  readonly portOffset: number;
  /** Vendors that must run alongside (started automatically when this one is selected). */
  readonly requires?: readonly string[];
  /**
   * Builds the vendor with fresh state (new secrets, seeded inventory). `restore` is called
   * afterwards when a state file holds a snapshot.
   */
  create(context: VendorContext): VendorInstance | Promise<VendorInstance>;
}
