/**
 * Starts a simulator before a mocha suite and stops it after. Call it in a `describe` body; the
 * simulator it returns is usable from the suite's hooks and tests (see ./lateBound).
 */
import { startSimulator, type Simulator, type SimulatorOptions } from "../../simulator";
import { lateBound } from "./lateBound";

/** The suite's simulator, started with `options` (default: every vendor). */
export function withSimulator(options: SimulatorOptions = {}): Simulator {
  const simulator = lateBound<Simulator>("the simulator");
  let started: Simulator | undefined;
  before(async () => {
    started = await startSimulator(options);
    simulator.set(started);
  });
  after(async () => {
    await started?.stop();
    simulator.set((started = undefined));
  });
  return simulator.proxy;
}
