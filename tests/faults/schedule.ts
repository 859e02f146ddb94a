/**
 * The order cells run in. A cell's step must start where its stack stands (a create from a
 * destroyed stack, an update from variant a, a refresh or delete from a stack that is up); a cell
 * that finds the stack elsewhere first pays a run to get there. Cells are dealt to lanes (each lane
 * its own simulator and stack, so lanes of one rig run side by side) and ordered within a lane so
 * that each cell mostly starts where the previous one ended: create → update → refresh → delete →
 * create … The order changes nothing a cell checks.
 */
import type { Arrangement } from "./arrangements";
import type { FaultKind } from "./faultKinds";
import type { Operation, Step } from "./operations";

/** One cell of the matrix. */
export interface Cell {
  op: Operation;
  kind: FaultKind;
  arrangement: Arrangement;
}

/** Where a lane's stack stands between cells. */
export type StackAt = "destroyed" | "a" | "b";

/** Where each step must start. */
export const STARTS: Record<Step, readonly StackAt[]> = {
  create: ["destroyed"],
  update: ["a"],
  rotate: ["a"],
  refresh: ["a", "b"],
  delete: ["a", "b"],
};

/** Where each step leaves the stack, from `at` (the same when it fails: healing repeats it). */
export function endOf(step: Step, at: StackAt): StackAt {
  if (step === "create" || step === "rotate") return "a";
  if (step === "update") return "b";
  if (step === "delete") return "destroyed";
  return at;
}

/** Which step to take next from each position, most useful first. */
const PREFERENCE: Record<StackAt, readonly Step[]> = {
  destroyed: ["create"],
  a: ["update", "rotate", "refresh", "delete"],
  b: ["refresh", "delete"],
};

/** Orders `cells` so that as few as possible need a run to reach their starting point. */
export function orderCells(cells: readonly Cell[]): Cell[] {
  const left = [...cells];
  const ordered: Cell[] = [];
  let at: StackAt = "destroyed";
  while (left.length > 0) {
    let index = -1;
    for (const step of PREFERENCE[at]) {
      index = left.findIndex((cell) => cell.op.step === step);
      if (index >= 0) break;
    }
    // Nothing starts here: the next cell in line pays the run to its starting point.
    if (index < 0) index = 0;
    const [cell] = left.splice(index, 1);
    ordered.push(cell);
    at = endOf(cell.op.step, STARTS[cell.op.step].includes(at) ? at : STARTS[cell.op.step][0]);
  }
  return ordered;
}

/**
 * Deals `cells` to `laneCount` lanes, each step's cells spread evenly so every lane gets its share
 * of deletes to pair with its creates, then orders each lane.
 */
export function planLanes(cells: readonly Cell[], laneCount: number): Cell[][] {
  const lanes: Cell[][] = Array.from({ length: Math.max(1, laneCount) }, () => []);
  const steps = [...new Set(cells.map((cell) => cell.op.step))];
  let next = 0;
  for (const step of steps) {
    for (const cell of cells.filter((candidate) => candidate.op.step === step)) {
      lanes[next % lanes.length].push(cell);
      next++;
    }
  }
  return lanes.filter((lane) => lane.length > 0).map(orderCells);
}
