// The running simulator as tests and the CLI see it: URLs, env, credentials, and the typed
// equivalent of every control API endpoint.
import { inspect, type InspectOptionsStylized } from "node:util";
import type { SimulatorClock } from "./clock";
import type { RequestCount, RequestCounter } from "./counters";
import type { FaultControl } from "./faults";
import type { JsonObject, JsonValue } from "./json";
import type { RunningListener } from "./listener";
import type { RequestSelector } from "./pathPattern";
import type { StateSaver } from "./persistence";
import { VendorActionError, type VendorInstance, type VendorModule } from "./vendorModule";

/**
 * Most session credentials kept per vendor: a simulator serving a CI all day must not grow without
 * bound; a test run mints a few dozen.
 */
const MAX_KEPT_SESSIONS = 10_000;

/** Everything that exists, per vendor, plus request counts (`GET /control/inventory`). */
export interface SimulatorInventory {
  /** Each vendor's inventory by vendor name. */
  vendors: Record<string, JsonObject>;
  /** Request counts per vendor, method and path. */
  counts: RequestCount[];
}

/** A vendor as the simulator runs it. */
export interface RunningVendor {
  /** The registered module. */
  module: VendorModule;
  /** Its live instance. */
  instance: VendorInstance;
  /** Its HTTPS listener. */
  listener: RunningListener;
}

/** The parts {@link Simulator} is assembled from (built by `startSimulator`). */
export interface SimulatorParts {
  /** Running vendors in registry order. */
  vendors: RunningVendor[];
  /** The control API listener. */
  control: RunningListener;
  /** PEM of the root CA. */
  caCertPem: string;
  /** The combined CERTPLANE_* environment. */
  env: Record<string, string>;
  /** Shared clock. */
  clock: SimulatorClock;
  /** Shared request counter. */
  counter: RequestCounter;
  /** Shared fault registry. */
  faults: FaultControl;
  /** State persistence (no-op without a state path). */
  saver: StateSaver;
  /** The state file, if any. */
  statePath: string | undefined;
}

/** A running simulator. Get one from `startSimulator()`; call `stop()` when done. */
export class Simulator {
  /** Base URL per vendor name, plus `control` (the control API, path prefix included). */
  readonly urls: Readonly<Record<string, string>>;
  /** The control API base URL, e.g. `https://127.0.0.1:43120/control`. */
  readonly controlUrl: string;
  /** Names of the running vendors in registry order. */
  readonly vendors: readonly string[];
  /** The `CERTPLANE_*` environment a program needs (what the CLI prints). */
  readonly env: Readonly<Record<string, string>>;
  /** PEM of the simulator root CA: trust it to reach any listener over TLS. */
  readonly caCertPem: string;
  /** Armed faults: add, list, remove, clear. */
  readonly faults: FaultControl;
  /** The state file, when persistence is on. */
  readonly statePath: string | undefined;
  private stopped: Promise<void> | undefined;
  /** Session credentials minted per vendor, in the order first seen (see sessionCredentials). */
  private readonly mintedSessions = new Map<string, Set<string>>();

  /** @param parts - assembled by `startSimulator` */
  constructor(private readonly parts: SimulatorParts) {
    this.controlUrl = `${parts.control.url}/control`;
    const urls: Record<string, string> = {};
    for (const vendor of parts.vendors) urls[vendor.module.name] = vendor.listener.url;
    urls.control = this.controlUrl;
    this.urls = urls;
    this.vendors = parts.vendors.map((vendor) => vendor.module.name);
    this.env = parts.env;
    this.caCertPem = parts.caCertPem;
    this.faults = parts.faults;
    this.statePath = parts.statePath;
  }

  /**
   * What printing the simulator shows (`console.log(sim)`, `JSON.stringify(sim)`): its URLs and
   * vendors, never `env` or `credentials`, which hold its tokens, passwords and keys.
   */
  toJSON(): { urls: Record<string, string>; vendors: string[] } {
    return { urls: { ...this.urls }, vendors: [...this.vendors] };
  }

  /** @see {@link Simulator.toJSON} */
  [inspect.custom](depth: number, options: InspectOptionsStylized): string {
    return `Simulator ${inspect(this.toJSON(), { ...options, depth })}`;
  }

  /** Credentials and seeded identifiers per vendor name (secrets included). */
  get credentials(): Record<string, Record<string, string>> {
    const result: Record<string, Record<string, string>> = {};
    for (const vendor of this.parts.vendors) {
      result[vendor.module.name] = vendor.instance.credentials();
    }
    return result;
  }

  /**
   * Every session credential the vendors minted since start, per vendor name (SBC access tokens,
   * AppViewX sessionIds, NetFoundry OAuth access tokens), those a reset dropped included: secrets
   * that must never appear in a client's state, errors or logs (`GET /control/sessions`).
   */
  sessionCredentials(): Record<string, string[]> {
    this.keepSessionCredentials();
    const result: Record<string, string[]> = {};
    for (const [vendor, minted] of this.mintedSessions) result[vendor] = [...minted];
    return result;
  }

  /** Adds what each vendor holds now to {@link Simulator.mintedSessions}, oldest dropped first. */
  private keepSessionCredentials(): void {
    for (const vendor of this.parts.vendors) {
      const held = vendor.instance.sessionCredentials?.();
      if (!held) continue;
      const minted = this.mintedSessions.get(vendor.module.name) ?? new Set<string>();
      for (const credential of held) {
        minted.delete(credential);
        minted.add(credential);
      }
      for (const oldest of minted) {
        if (minted.size <= MAX_KEPT_SESSIONS) break;
        minted.delete(oldest);
      }
      this.mintedSessions.set(vendor.module.name, minted);
    }
  }

  /** What exists per vendor, plus request counts. */
  inventory(): SimulatorInventory {
    const vendors: Record<string, JsonObject> = {};
    for (const vendor of this.parts.vendors) {
      vendors[vendor.module.name] = vendor.instance.inventory();
    }
    return { vendors, counts: this.counts() };
  }

  /** Request counts per vendor, method and concrete path. */
  counts(): RequestCount[] {
    return this.parts.counter.list();
  }

  /**
   * Total requests matching a selector (path is a glob: `*` one segment, `**` any).
   * @param selector - vendor, optional method, optional path glob
   */
  countOf(selector: RequestSelector): number {
    return this.parts.counter.total(selector);
  }

  /** Zeroes the request counters. */
  resetCounts(): void {
    this.parts.counter.reset();
  }

  /** The clock offset in seconds. */
  get clockOffsetSeconds(): number {
    return this.parts.clock.offsetSeconds;
  }

  /**
   * Moves the simulator clock: validity, expiry and timestamps use real time + `seconds`.
   * @param seconds - offset (negative = past)
   */
  setClockOffset(seconds: number): void {
    this.parts.clock.setOffsetSeconds(seconds);
    this.parts.saver.schedule();
  }

  /** The simulator's current time. */
  now(): Date {
    return this.parts.clock.now();
  }

  /**
   * Runs a vendor control action (e.g. `sim.action("pca", "rotate-issuing-ca")`).
   * @param vendor - vendor name
   * @param name - action name
   * @param input - JSON input
   * @throws VendorActionError (status 404) for an unknown vendor or action
   */
  async action(vendor: string, name: string, input: JsonValue = {}): Promise<JsonValue> {
    const running = this.parts.vendors.find((candidate) => candidate.module.name === vendor);
    if (!running) throw new VendorActionError(`unknown vendor ${JSON.stringify(vendor)}`, 404);
    const action = running.instance.actions?.[name];
    if (!action) {
      const known = Object.keys(running.instance.actions ?? {}).join(", ") || "none";
      throw new VendorActionError(
        `vendor ${vendor} has no action ${JSON.stringify(name)}; actions: ${known}`,
        404,
      );
    }
    const result = await action(input);
    this.parts.saver.schedule();
    return result;
  }

  /** Vendor names with their titles, URLs and action names. */
  describeVendors(): { name: string; title: string; url: string; actions: string[] }[] {
    return this.parts.vendors.map((vendor) => ({
      name: vendor.module.name,
      title: vendor.module.title,
      url: vendor.listener.url,
      actions: Object.keys(vendor.instance.actions ?? {}),
    }));
  }

  /**
   * Back to the seeded state: vendor inventories reset (CAs and seeded tokens kept, so `env`
   * stays valid), counters zeroed, faults cleared, clock offset 0.
   */
  async reset(): Promise<void> {
    this.keepSessionCredentials();
    for (const vendor of this.parts.vendors) await vendor.instance.reset();
    this.parts.counter.reset();
    this.parts.faults.clear();
    this.parts.clock.setOffsetSeconds(0);
    this.parts.saver.schedule();
  }

  /** Writes the state file now (no-op without one). */
  async save(): Promise<void> {
    await this.parts.saver.flush();
  }

  /** Closes every listener (pending delayed responses are dropped) and saves state. Idempotent. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await Promise.all([
        this.parts.control.close(),
        ...this.parts.vendors.map((vendor) => vendor.listener.close()),
      ]);
      await this.parts.saver.flush();
    })();
    return this.stopped;
  }
}
