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
import { RIGS } from "./rigs";
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

describe("fault matrix: every vendor request × every fault, through the runner", function () {
  this.timeout(15 * 60_000);
  const matrix = new FaultMatrix();
  let strangers: Strangers;

  before(async () => {
    strangers = await makeStrangers();
  });
  after(() => {
    process.stdout.write(`\n${matrix.render()}\n`);
  });

  for (const rig of RIGS) {
    it(`${rig.name}: each cell retries to success or fails typed, leaving no orphan or lock`, async () => {
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
            if (!arrangement) {
              matrix.mark(label(op), kind, "-");
              continue;
            }
            const outcome = await stack.run(op, arrangement);
            const wrong = verdict(arrangement, outcome);
            const mark: CellMark =
              wrong.length > 0
                ? "FAIL"
                : arrangement.expect === "retried"
                  ? "retried"
                  : arrangement.vendorOrphan
                    ? "error†"
                    : "error";
            matrix.mark(label(op), kind, mark);
            for (const reason of wrong) failures.push(`${label(op)} × ${kind}: ${reason}`);
          }
        }
        failures.push(...(await stack.finish()));
      } finally {
        await sim.stop();
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
      assert.deepEqual(failures, []);
    });
  }
});
