/**
 * The fault suite (issue 8, 14): every vendor request certplane makes × {timeout, connection reset,
 * 500, 503 + Retry-After, 429, malformed body, untrusted server CA, bad client certificate, expired
 * token, SBC 426, SBC lock busy, proxy refusing with 407 or 502}, each through the lifecycle runner
 * against the simulator. A cell passes when the step succeeds after retrying (for faults the retry
 * contract retries) or fails with a typed error naming the cause and the fix; and, in both cases,
 * the vendor's objects equal the runner's state (no orphan) and no SBC lock is held, after the step
 * and after a fault-free run. The matrix is printed at the end.
 *
 * Each rig's cells run in lanes (a simulator and a stack each), several lanes at a time, ordered so
 * that a cell mostly starts where the previous one left the stack (schedule.ts); every run still
 * starts its own language host and provider process. `FAULT_RIGS`, `FAULT_COLUMNS` and
 * `FAULT_LANES` narrow or widen a run (docs/faults.md).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { packageNodePath } from "../support/packageLink";
import { arrange, type Arrangement, type Strangers } from "./arrangements";
import { compilePrograms, LifecycleRunner, removePrograms } from "./builtRunner";
import { RigStack, type CellOutcome } from "./cellRunner";
import { FAULT_KINDS } from "./faultKinds";
import { FaultMatrix, type CellMark } from "./matrix";
import { OPERATIONS, type Operation } from "./operations";
import { RIGS, type Rig } from "./rigs";
import { planLanes, type Cell } from "./schedule";
import { makeStrangers } from "./strangers";

/** Why a cell does not meet its arrangement's expectation; empty when it does. */
function verdict(arrangement: Arrangement, outcome: CellOutcome): string[] {
  const wrong = [...outcome.problems];
  if (arrangement.vendorOrphan && outcome.expectedOrphans.length !== 1) {
    wrong.push(
      `expected exactly one unfindable vendor object (${arrangement.vendorOrphan.reason}), found ${outcome.expectedOrphans.length}`,
    );
  }
  if (outcome.unusedFaults > 0)
    wrong.push("the armed fault was never hit: the step skipped the request");
  const text = outcome.messages.join("\n");
  if (arrangement.expect === "retried") {
    if (!outcome.ok) wrong.push(`expected success after retrying, got: ${text}`);
    return wrong;
  }
  if (outcome.ok) return [...wrong, "expected a typed error, the step succeeded"];
  for (const pattern of [...arrangement.expect, /Fix: /]) {
    if (!pattern.test(text)) wrong.push(`error does not match ${String(pattern)}: ${text}`);
  }
  return wrong;
}

const label = (rig: Rig, op: Operation) => `${rig.rowLabel ?? op.vendor} ${op.name} (${op.step})`;

/** The mark a cell gets. */
function markOf(arrangement: Arrangement, wrong: string[]): CellMark {
  if (wrong.length > 0) return "FAIL";
  if (arrangement.expect === "retried") return "retried";
  return arrangement.vendorOrphan ? "error†" : "error";
}

/** `FAULT_COLUMNS="426 upgrade,proxy 407"` runs some columns only (while developing). */
const COLUMNS = FAULT_KINDS.filter(
  (kind) => !process.env.FAULT_COLUMNS || process.env.FAULT_COLUMNS.split(",").includes(kind),
);

/** The cells of a rig, in the order of its rows and the matrix's columns. */
function cellsOf(rig: Rig, strangers: Strangers): Cell[] {
  const cells: Cell[] = [];
  for (const op of OPERATIONS[rig.name]) {
    for (const kind of COLUMNS) {
      const arrangement = arrange(rig, op, kind, strangers);
      if (arrangement) cells.push({ op, kind, arrangement });
    }
  }
  return cells;
}

/** Runs one lane of a rig (its own simulator and stack); resolves to what went wrong. */
async function runLane(
  rig: Rig,
  cells: Cell[],
  programs: string,
  matrix: FaultMatrix,
): Promise<string[]> {
  const sim: Simulator = await startSimulator({ vendors: rig.vendors });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `certplane-faults-${rig.name}-`));
  const failures: string[] = [];
  try {
    await rig.setup?.(sim);
    const runner = new LifecycleRunner({
      program: path.join(programs, `${rig.program}.js`),
      stateDir,
      env: { ...sim.env, ...rig.env?.(sim) },
      nodePath: [packageNodePath()],
    });
    const stack = new RigStack(rig, sim, runner);
    for (const { op, kind, arrangement } of cells) {
      const wrong = verdict(arrangement, await stack.run(op, arrangement));
      matrix.mark(label(rig, op), kind, markOf(arrangement, wrong));
      for (const reason of wrong) failures.push(`${label(rig, op)} × ${kind}: ${reason}`);
    }
    failures.push(...(await stack.finish()));
  } catch (error) {
    failures.push(`${rig.name} stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await sim.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  return failures;
}

/**
 * A rig's cells are split into lanes of about this many, each lane with its own simulator and stack
 * (faults cannot cross), so that the biggest rig does not run alone at the end.
 */
const CELLS_PER_LANE = 16;

/**
 * Lanes run this many at a time (`FAULT_LANES=n` overrides). A run is mostly its two processes
 * starting, and a cell mostly waits (timeouts, Retry-After, lock waits): three lanes keep two cores
 * busy.
 */
const LANES_AT_ONCE = Number(process.env.FAULT_LANES ?? 3);

/** Starts `tasks` in order, at most `width` at a time; each promise settles with its task. */
function inSlots<T>(tasks: (() => Promise<T>)[], width: number): Promise<T>[] {
  let free = Math.max(1, width);
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (free > 0) {
      free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return tasks.map(async (task) => {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  });
}

/** `FAULT_RIGS=oraclesbc,pca npx mocha tests/faults/…` runs some rigs only (while developing). */
const SELECTED = RIGS.filter(
  (rig) => !process.env.FAULT_RIGS || process.env.FAULT_RIGS.split(",").includes(rig.name),
);

describe("fault matrix: every vendor request × every fault, through the runner", function () {
  // Each test waits for its rig's lanes, which may queue behind every other rig's.
  this.timeout(60 * 60_000);
  const matrix = new FaultMatrix();
  const outcomes = new Map<string, Promise<string[]>>();

  let programs = "";
  let stopStrangers: (() => Promise<void>) | undefined;

  before(async () => {
    programs = compilePrograms();
    const made = await makeStrangers();
    stopStrangers = made.stop;
    const { strangers } = made;
    const lanes: { rig: Rig; cells: Cell[] }[] = [];
    for (const rig of SELECTED) {
      const cells = cellsOf(rig, strangers);
      for (const op of OPERATIONS[rig.name]) matrix.addRow(label(rig, op));
      for (const laneCells of planLanes(cells, Math.ceil(cells.length / CELLS_PER_LANE))) {
        lanes.push({ rig, cells: laneCells });
      }
    }
    // Longest lanes first, so that the last to start are short. None rejects (runLane catches).
    lanes.sort((x, y) => y.cells.length - x.cells.length);
    const running = inSlots(
      lanes.map((lane) => () => runLane(lane.rig, lane.cells, programs, matrix)),
      LANES_AT_ONCE,
    );
    for (const rig of SELECTED) {
      const ofRig = running.filter((_, index) => lanes[index].rig === rig);
      outcomes.set(
        rig.name,
        Promise.all(ofRig).then((failures) => failures.flat()),
      );
    }
  });
  after(async () => {
    // A rig's test may have timed out while its lanes still run: print the matrix once all ended.
    await Promise.allSettled(outcomes.values());
    await stopStrangers?.();
    if (programs) removePrograms(programs);
    process.stdout.write(`\n${matrix.render()}\n`);
  });

  for (const rig of SELECTED) {
    it(`${rig.name}: each cell retries to success or fails typed, leaving no orphan or lock`, async () => {
      assert.deepEqual(await outcomes.get(rig.name), []);
    });
  }
});
