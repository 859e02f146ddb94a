// The set of armed faults. A request takes the first matching fault and uses up one of its `times`;
// a fault with no uses left is removed, so tests never have to clean up after themselves.
import { randomUUID } from "node:crypto";
import { parseFaultSpec, type FaultSpec, type NormalizedFaultSpec } from "./faultSpec";
import { requestMatcher } from "./pathPattern";

/** An armed fault as listed by the control API. */
export type ActiveFault = NormalizedFaultSpec & {
  /** Id to remove the fault early. */
  id: string;
  /** Matching requests it still applies to. */
  remaining: number;
};

/** The typed fault API, as `sim.faults`. */
export interface FaultControl {
  /**
   * Arms a fault (validated; see {@link FaultSpec}) and returns it with its id.
   * @throws FaultSpecError when a field is invalid
   */
  add(spec: FaultSpec): ActiveFault;
  /** Lists armed faults in the order they are matched. */
  list(): ActiveFault[];
  /** Removes one fault; false when the id is unknown. */
  remove(id: string): boolean;
  /** Removes every fault. */
  clear(): void;
}

interface ArmedFault {
  fault: ActiveFault;
  matches: (vendor: string, method: string, path: string) => boolean;
}

/** Holds armed faults and hands them to matching requests. */
export class FaultRegistry implements FaultControl {
  private armed: ArmedFault[] = [];

  /** @param vendors - names of the running vendors (faults must name one) */
  constructor(private readonly vendors: readonly string[]) {}

  /** {@inheritDoc FaultControl.add} */
  add(spec: FaultSpec | unknown): ActiveFault {
    const normalized = parseFaultSpec(spec, this.vendors);
    const fault: ActiveFault = { ...normalized, id: randomUUID(), remaining: normalized.times };
    this.armed.push({ fault, matches: requestMatcher(normalized) });
    return { ...fault };
  }

  /**
   * Takes one use of the first fault matching a request, if any.
   * @param vendor - vendor name
   * @param method - upper-case method
   * @param path - URL path without the query
   */
  take(vendor: string, method: string, path: string): ActiveFault | undefined {
    const index = this.armed.findIndex((entry) => entry.matches(vendor, method, path));
    if (index < 0) return undefined;
    const { fault } = this.armed[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed.splice(index, 1);
    return { ...fault };
  }

  /** {@inheritDoc FaultControl.list} */
  list(): ActiveFault[] {
    return this.armed.map((entry) => ({ ...entry.fault }));
  }

  /** {@inheritDoc FaultControl.remove} */
  remove(id: string): boolean {
    const before = this.armed.length;
    this.armed = this.armed.filter((entry) => entry.fault.id !== id);
    return this.armed.length < before;
  }

  /** {@inheritDoc FaultControl.clear} */
  clear(): void {
    this.armed = [];
  }
}
