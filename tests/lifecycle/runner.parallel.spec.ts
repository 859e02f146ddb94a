/**
 * The runner's `parallel` option caps resource operations in flight, like `pulumi up --parallel`,
 * measured from the start and end times the fixture provider records for each call.
 */
import { strict as assert } from "node:assert";
import { childPids, maxConcurrency, Scratch } from "../fixtures/runner/helpers";

describe("LifecycleRunner: parallel", () => {
  const scratch = new Scratch();
  // Six independent resources whose create and delete each take 300 ms.
  const runner = scratch.runner("echo.ts", { config: { count: "6", delayMs: "300" }, parallel: 2 });
  let childrenBefore: number[] = [];

  beforeEach(() => (childrenBefore = childPids()));
  afterEach(() => {
    const leftovers = childPids().filter((pid) => !childrenBefore.includes(pid));
    assert.deepEqual(leftovers, [], "a run left a child process behind");
  });
  after(() => scratch.remove());

  it("runs at most `parallel` operations at once (parallel: 2 → two creates overlap, never three)", async () => {
    const result = await runner.up();

    assert.equal(result.counts.create, 6);
    assert.equal(maxConcurrency(scratch.newCalls(), "create"), 2);
  });

  it("lets a per-run override raise the cap (parallel: 6 → all six deletes overlap)", async () => {
    const result = await runner.destroy({ parallel: 6 });

    assert.equal(result.counts.delete, 6);
    assert.equal(maxConcurrency(scratch.newCalls(), "delete"), 6);
  });
});
