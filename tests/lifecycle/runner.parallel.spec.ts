/**
 * The runner's `parallel` option caps resource operations in flight, like `pulumi up --parallel`,
 * measured from the start and end times the fixture provider records for each call.
 */
import { strict as assert } from "node:assert";
import { maxConcurrency } from "../fixtures/runner/helpers";
import { withRunnerFixture } from "../support/withRunnerFixture";

describe("LifecycleRunner: parallel", () => {
  const scratch = withRunnerFixture();
  // Six independent resources whose create and delete each take 300 ms.
  const runner = scratch.runner("echo.ts", { config: { count: "6", delayMs: "300" }, parallel: 2 });

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
