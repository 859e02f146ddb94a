// `pulumi-certplane/simulator`: the four vendor APIs on loopback with real TLS and real signing.
import { startSimulatorWith, type SimulatorOptions } from "./core/start";
import type { Simulator } from "./core/simulator";
import { VENDOR_MODULES } from "./vendors";

export type { SimulatorOptions } from "./core/start";
export type { Simulator, SimulatorInventory } from "./core/simulator";
export type { FaultSpec } from "./core/faultSpec";
export { VENDOR_MODULES } from "./vendors";

/**
 * Starts every registered vendor (or `options.vendors`) on 127.0.0.1, each on its own HTTPS listener,
 * plus the control API. `sim.env` holds the `CERTPLANE_*` variables a program needs; stop it with
 * `await sim.stop()`.
 * @param options - host, fixed ports, state file, vendor selection, clock offset, log sink
 */
export function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulatorWith(options, VENDOR_MODULES);
}
