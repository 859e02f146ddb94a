// Assembles a running simulator: root CA (new or from the state file), TLS identity, one listener
// per vendor, the control listener, persistence; returns the Simulator handle.
import { CertificateAuthority } from "./certificateAuthority";
import { SimulatorClock } from "./clock";
import { createControlRoutes } from "./control/routes";
import { RequestCounter } from "./counters";
import { defaultErrorResponse } from "./defaultErrors";
import { directoryName } from "./distinguishedName";
import { createExchangeHandler } from "./exchange";
import { FaultRegistry } from "./faults";
import type { JsonValue } from "./json";
import { startListener, type RunningListener } from "./listener";
import { selectModules } from "./moduleSelection";
import {
  STATE_FILE_FORMAT,
  STATE_FILE_VERSION,
  StateSaver,
  readStateFile,
  writeStateFile,
  type SimulatorStateFile,
} from "./persistence";
import { Router } from "./router";
import { issueServerIdentity } from "./serverCertificate";
import { Simulator, type RunningVendor } from "./simulator";
import type { VendorContext, VendorInstance, VendorModule } from "./vendorModule";

/** Options of `startSimulator`. */
export interface SimulatorOptions {
  /**
   * Address every listener binds to.
   * @defaultValue "127.0.0.1"
   */
  host?: string;
  /**
   * Fixed ports: the control API on `portBase`, each vendor on `portBase + portOffset`
   * (pca +1, zitadel +2, appviewx +3, netfoundry +4, oraclesbc +5).
   * @defaultValue - every listener takes a free port (port 0)
   */
  portBase?: number;
  /**
   * JSON state file: loaded at start when it exists (CA, tokens, inventory, clock offset), written
   * after changes and on `stop()`.
   * @defaultValue - no persistence
   */
  statePath?: string;
  /**
   * Vendor names to start (their `requires` are added).
   * @defaultValue - every registered vendor
   */
  vendors?: readonly string[];
  /**
   * The vendor modules to choose from.
   * @defaultValue - the list in simulator/vendors.ts
   */
  modules?: readonly VendorModule[];
  /**
   * Initial clock offset in seconds (overrides the state file's).
   * @defaultValue - the state file's offset, else 0
   */
  clockOffsetSeconds?: number;
  /**
   * Receives one line per request and diagnostics.
   * @defaultValue - discard
   */
  log?: (line: string) => void;
}

const ROOT_CA_SUBJECT = directoryName([
  ["CN", "certplane simulator root CA"],
  ["O", "certplane simulator"],
]);
const ROOT_CA_YEARS = 10;

/**
 * Starts the simulator.
 * @param options - host, ports, persistence, vendor selection, logging
 * @param defaultModules - the registry used when `options.modules` is not given
 */
export async function startSimulatorWith(
  options: SimulatorOptions,
  defaultModules: readonly VendorModule[],
): Promise<Simulator> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => undefined);
  const modules = selectModules(options.modules ?? defaultModules, options.vendors);
  const saved = options.statePath ? await readStateFile(options.statePath) : undefined;
  const clock = new SimulatorClock(options.clockOffsetSeconds ?? saved?.clockOffsetSeconds ?? 0);
  const rootCa = saved
    ? await CertificateAuthority.restore(saved.ca)
    : await createRootCa(new Date());
  const identity = await issueServerIdentity(rootCa, host, new Date());

  const instances = new Map<string, VendorInstance>();
  const context: VendorContext = {
    clock,
    peer: <T>(name: string) => instances.get(name)?.peerApi as T | undefined,
    log,
  };
  for (const module of modules) {
    const instance = await module.create(context);
    const snapshot = saved?.vendors[module.name];
    if (snapshot !== undefined)
      await restoreVendor(instance, module.name, snapshot, options.statePath);
    instances.set(module.name, instance);
  }

  const counter = new RequestCounter();
  const faults = new FaultRegistry(modules.map((module) => module.name));
  const snapshotState = (): SimulatorStateFile => ({
    format: STATE_FILE_FORMAT,
    version: STATE_FILE_VERSION,
    savedAt: new Date().toISOString(),
    clockOffsetSeconds: clock.offsetSeconds,
    ca: rootCa.snapshot(),
    vendors: Object.fromEntries(
      [...instances].map(([name, instance]): [string, JsonValue] => [name, instance.snapshot()]),
    ),
  });
  const statePath = options.statePath;
  const saver = new StateSaver(
    async () => (statePath ? writeStateFile(statePath, snapshotState()) : undefined),
    log,
  );
  const saveAfterChange = (method: string): void => {
    if (method !== "GET" && method !== "HEAD") saver.schedule();
  };

  const started: RunningListener[] = [];
  try {
    const vendors: RunningVendor[] = [];
    for (const module of modules) {
      const instance = instances.get(module.name) as VendorInstance;
      const listener = await startListener({
        host,
        port: options.portBase === undefined ? 0 : options.portBase + module.portOffset,
        identity,
        requestClientCertificate: instance.requestClientCertificate ?? false,
        handler: createExchangeHandler({
          vendor: module.name,
          router: new Router(instance.routes),
          formatError: (status, message) =>
            (instance.formatError ?? defaultErrorResponse)(status, message),
          counter,
          faults,
          onHandled: saveAfterChange,
          log,
        }),
      });
      started.push(listener);
      vendors.push({ module, instance, listener });
    }
    // The control routes need the Simulator, which needs the control listener: a holder breaks the cycle.
    const running: { simulator?: Simulator } = {};
    const control = await startListener({
      host,
      port: options.portBase ?? 0,
      identity,
      requestClientCertificate: false,
      handler: createExchangeHandler({
        vendor: "control",
        router: new Router(createControlRoutes(() => running.simulator as Simulator)),
        formatError: defaultErrorResponse,
        onHandled: saveAfterChange,
        log,
      }),
    });
    started.push(control);
    const env: Record<string, string> = {};
    for (const vendor of vendors) {
      Object.assign(
        env,
        vendor.instance.env({ url: vendor.listener.url, caCertPem: rootCa.certificatePem }),
      );
    }
    env.CERTPLANE_SIMULATOR_CONTROL_URL = `${control.url}/control`;
    env.CERTPLANE_SIMULATOR_CA_CERT_PEM = rootCa.certificatePem;
    const simulator = new Simulator({
      vendors,
      control,
      caCertPem: rootCa.certificatePem,
      env,
      clock,
      counter,
      faults,
      saver,
      statePath,
    });
    running.simulator = simulator;
    await saver.flush();
    return simulator;
  } catch (error) {
    await Promise.all(started.map((listener) => listener.close()));
    throw error;
  }
}

/** Restores one vendor's snapshot; a snapshot it refuses names the file and the fix. */
async function restoreVendor(
  instance: VendorInstance,
  vendor: string,
  snapshot: JsonValue,
  statePath: string | undefined,
): Promise<void> {
  try {
    await instance.restore(snapshot);
  } catch (error) {
    throw new Error(
      `state file ${String(statePath)}: ${vendor} cannot restore it: ${(error as Error).message}. Delete it (the simulator then starts afresh) or pass another --state`,
    );
  }
}

async function createRootCa(now: Date): Promise<CertificateAuthority> {
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + ROOT_CA_YEARS);
  return CertificateAuthority.create({
    subject: ROOT_CA_SUBJECT,
    notBefore: new Date(now.getTime() - 60 * 60 * 1000),
    notAfter,
  });
}
