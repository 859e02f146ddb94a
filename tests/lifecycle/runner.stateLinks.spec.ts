/**
 * The runner's state keeps a resource's links as the engine's checkpoint does: `dependencies` are
 * the explicit and property links, the parent is `parent` alone (found by the engine tier's parity
 * comparison: the runner listed the parent — the stack — among the dependencies). Deletions still
 * go in dependency order.
 */
import { strict as assert } from "node:assert";
import { withRunnerFixture } from "../support/withRunnerFixture";

describe("LifecycleRunner: state links as the engine keeps them", () => {
  const scratch = withRunnerFixture();
  const runner = scratch.runner("echo.ts");
  const config = { count: "2", withDependent: "true" };

  it("dependencies are the property links; the parent (the stack) is apart", async () => {
    await runner.up({ config });
    const stackUrn = "urn:pulumi:dev::runner-fixture::pulumi:pulumi:Stack::runner-fixture-dev";
    const resources = runner.state().resources;
    const upstream = resources.find((r) => r.name === "echo-1");
    const dependent = resources.find((r) => r.name === "dependent");
    assert.ok(upstream && dependent, "echo-1 and dependent are in state");
    assert.equal(dependent.parent, stackUrn);
    assert.deepEqual(dependent.dependencies, [upstream.urn]);
    assert.equal(upstream.parent, stackUrn);
    assert.deepEqual(upstream.dependencies, []);
  });

  it("destroy still deletes the dependent before what it depends on", async () => {
    const result = await runner.destroy({ config });
    assert.equal(result.counts.delete, 3);
    const deletes = scratch.newCalls().filter((call) => call.hook === "delete");
    const dependent = deletes.find((call) => call.label === "dependent");
    const upstream = deletes.find((call) => call.label === "echo-1");
    assert.ok(dependent && upstream && dependent.end <= upstream.start);
    assert.deepEqual(runner.state().resources, []);
  });
});
