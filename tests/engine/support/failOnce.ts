/**
 * A one-shot refusal: the specs' partial creates start from one vendor call answered with an error
 * status, after the calls before it have made something at the vendor.
 */
import type { Simulator } from "../../../simulator";

/** The next `method` request to `vendor` on `path` (a glob) is answered `status`, its handler not run. */
export function failOnce(
  sim: Simulator,
  vendor: string,
  method: string,
  path: string,
  status: number,
): void {
  sim.faults.add({ vendor, method, path, kind: "status", status, times: 1 });
}
