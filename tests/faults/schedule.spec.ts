/** The fault matrix's cell order: each cell should start where the previous one left the stack. */
import { strict as assert } from "node:assert";
import type { Operation, Step } from "./operations";
import { endOf, orderCells, planLanes, STARTS, type Cell, type StackAt } from "./schedule";

const cell = (step: Step, name: string): Cell => ({
  op: { vendor: "v", step, name, method: "GET", path: "/", idempotent: true } as Operation,
  kind: "500",
  arrangement: { faults: [], env: {}, expect: "retried" },
});

/** Runs a lane has to pay to bring its stack to a cell's starting point. */
function reachRuns(lane: Cell[]): number {
  let at: StackAt = "destroyed";
  let runs = 0;
  for (const { op } of lane) {
    if (!STARTS[op.step].includes(at)) {
      runs++;
      at = STARTS[op.step][0];
    }
    at = endOf(op.step, at);
  }
  return runs;
}

describe("fault matrix schedule", () => {
  it("chains create → update → refresh → delete so no cell pays a run to its start", () => {
    const cells = [
      cell("create", "c1"),
      cell("create", "c2"),
      cell("refresh", "r1"),
      cell("update", "u1"),
      cell("delete", "d1"),
      cell("delete", "d2"),
    ];
    const ordered = orderCells(cells);
    assert.deepEqual(
      ordered.map(({ op }) => op.name),
      ["c1", "u1", "r1", "d1", "c2", "d2"],
    );
    assert.equal(reachRuns(ordered), 0);
  });

  it("pays one run per create left over once the deletes are used up", () => {
    const cells = [cell("create", "c1"), cell("create", "c2"), cell("create", "c3")];
    const ordered = orderCells(cells);
    assert.deepEqual(
      ordered.map(({ op }) => op.name),
      ["c1", "c2", "c3"],
    );
    assert.equal(reachRuns(ordered), 2);
  });

  it("a rotation starts from variant a: after an update it pays the run back to a", () => {
    const ordered = orderCells([cell("create", "c"), cell("update", "u"), cell("rotate", "r")]);
    assert.deepEqual(
      ordered.map(({ op }) => op.name),
      ["c", "u", "r"],
    );
    assert.equal(reachRuns(ordered), 1);
  });

  it("deals every step's cells evenly over the lanes and loses none", () => {
    const cells = [
      ...["c1", "c2", "c3", "c4"].map((name) => cell("create", name)),
      ...["d1", "d2"].map((name) => cell("delete", name)),
    ];
    const lanes = planLanes(cells, 2);
    assert.deepEqual(
      lanes.map((lane) => lane.map(({ op }) => op.name)),
      [
        ["c1", "d1", "c3"],
        ["c2", "d2", "c4"],
      ],
    );
  });
});
