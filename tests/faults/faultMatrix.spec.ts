/**
 * The fault suite (issue 8): every vendor request certplane makes × {timeout, connection reset, 500,
 * 503 + Retry-After, 429, malformed body, untrusted server CA, bad client certificate, expired
 * token, SBC lock busy}, each through the lifecycle runner against the simulator. A cell passes when
 * the step succeeds after retrying (for faults the retry contract retries) or fails with a typed
 * error naming the cause and the fix; and, in both cases, the vendor's objects equal the runner's
 * state (no orphan) and no SBC lock is held, after the step and after a fault-free run. The matrix
 * is printed at the end.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LifecycleRunner } from "../../sdk/testing";
import { startSimulator, type Simulator } from "../../simulator";
import { packageNodePath } from "../helpers/packageLink";
import { arrange, type Arrangement, type Strangers } from "./arrangements";
import { RigStack, type CellOutcome } from "./cellRunner";
import { FAULT_KINDS } from "./faultKinds";
import { FaultMatrix, type CellMark } from "./matrix";
import { OPERATIONS, type Operation } from "./operations";
import { RIGS, type Rig } from "./rigs";
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

const label = (op: Operation) => `${op.vendor} ${op.name} (${op.step})`;

/** The mark a cell gets. */
function markOf(arrangement: Arrangement, wrong: string[]): CellMark {
  if (wrong.length > 0) return "FAIL";
  if (arrangement.expect === "retried") return "retried";
  return arrangement.vendorOrphan ? "error†" : "error";
}

/** Runs every cell of one rig (its own simulator and stack); resolves to what went wrong. */
async function runRig(rig: Rig, strangers: Strangers, matrix: FaultMatrix): Promise<string[]> {
  const sim: Simulator = await startSimulator({ vendors: rig.vendors });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `certplane-faults-${rig.name}-`));
  const failures: string[] = [];
  try {
    const runner = new LifecycleRunner({
      program: rig.program,
      stateDir,
      env: { ...sim.env, ...rig.env },
      nodePath: [packageNodePath()],
    });
    const stack = new RigStack(rig, sim, runner);
    for (const op of OPERATIONS[rig.name]) {
      for (const kind of FAULT_KINDS) {
        const arrangement = arrange(rig, op, kind, strangers);
        if (!arrangement) continue;
        const wrong = verdict(arrangement, await stack.run(op, arrangement));
        matrix.mark(label(op), kind, markOf(arrangement, wrong));
        for (const reason of wrong) failures.push(`${label(op)} × ${kind}: ${reason}`);
      }
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
 * Rigs run two at a time (each has its own simulator, so faults cannot cross): the runs are mostly
 * process start-up, and two overlap well on two cores.
 */
const RIGS_AT_ONCE = 2;

/** `FAULT_RIGS=oraclesbc,pca npx mocha tests/faults/…` runs some rigs only (while developing). */
const SELECTED = RIGS.filter(
  (rig) => !process.env.FAULT_RIGS || process.env.FAULT_RIGS.split(",").includes(rig.name),
);

describe("fault matrix: every vendor request × every fault, through the runner", function () {
  this.timeout(30 * 60_000);
  const matrix = new FaultMatrix();
  const outcomes = new Map<string, Promise<string[]>>();

  before(async () => {
    for (const rig of SELECTED) for (const op of OPERATIONS[rig.name]) matrix.addRow(label(op));
    const strangers = await makeStrangers();
    const queue = [...SELECTED];
    const next = (): Promise<string[]> | undefined => {
      const rig = queue.shift();
      if (!rig) return undefined;
      // Never rejects (runRig catches), so waiting in the test below is the only await needed.
      const outcome = runRig(rig, strangers, matrix).finally(() => void next());
      outcomes.set(rig.name, outcome);
      return outcome;
    };
    for (let i = 0; i < RIGS_AT_ONCE; i++) next();
  });
  after(() => {
    process.stdout.write(`\n${matrix.render()}\n`);
  });

  for (const rig of SELECTED) {
    it(`${rig.name}: each cell retries to success or fails typed, leaving no orphan or lock`, async () => {
      // A rig starts when a slot frees up; wait until it has been started, then for its end.
      for (let waited = 0; !outcomes.has(rig.name) && waited < 30 * 60; waited++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      assert.deepEqual(await outcomes.get(rig.name), []);
    });
  }
});
