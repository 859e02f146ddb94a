/**
 * Failing runs of the lifecycle runner: each rejects with a LifecycleError that names the resource
 * and the cause, keeps in state what did happen (a partial create included), and leaves no child
 * process behind.
 */
import { strict as assert } from "node:assert";
import { LifecycleError } from "../../testing";
import { withRunnerFixture } from "../support/withRunnerFixture";

async function rejection(run: Promise<unknown>): Promise<LifecycleError> {
  try {
    await run;
  } catch (error) {
    assert.ok(error instanceof LifecycleError, `expected a LifecycleError, got ${String(error)}`);
    return error;
  }
  assert.fail("the run succeeded; it should have failed");
}

describe("LifecycleRunner: failing runs", () => {
  const scratch = withRunnerFixture("a failed run left a child process behind");

  it("fails on a check failure with the property and reason, creating nothing", async () => {
    const runner = scratch.runner("echo.ts", { stack: "check-failure" });
    const error = await rejection(
      runner.up({ config: { "checkFail.echo-0": "must be a DNS name" } }),
    );

    assert.deepEqual(
      error.errors.map((e) => [e.kind, e.name, e.failures]),
      [["check", "echo-0", [{ property: "value", reason: "must be a DNS name" }]]],
    );
    assert.match(error.message, /echo-0 .*check failed: value: must be a DNS name/);
    assert.equal(error.result.counts.create, 0);
    assert.deepEqual(
      scratch.newCalls().filter((call) => call.hook === "create"),
      [],
    );
    assert.deepEqual(runner.state().resources, []);
  });

  it("records a partial create with its init errors, and the next up updates it", async () => {
    const runner = scratch.runner("echo.ts", { stack: "partial" });
    const config = { "partialCreate.echo-0": "not ready yet" };
    const error = await rejection(runner.up({ config }));

    const [created] = scratch.newCalls().filter((call) => call.hook === "create");
    assert.equal(created.failed, true);
    assert.deepEqual(
      error.errors.map((e) => [e.kind, e.name, e.partial]),
      [["provider", "echo-0", { id: created.id, reasons: ["not ready yet"] }]],
    );
    assert.deepEqual(
      error.result.resources.map((r) => [r.name, r.op, r.id, r.initErrors]),
      [["echo-0", "create", created.id, ["not ready yet"]]],
    );
    assert.deepEqual(
      runner.state().resources.map((r) => [r.name, r.id, r.initErrors]),
      [["echo-0", created.id, ["not ready yet"]]],
    );

    // Same program, same inputs: the engine always updates a resource with init errors.
    const result = await runner.up({ config });
    assert.deepEqual(
      result.resources.map((r) => [r.name, r.op, r.id]),
      [["echo-0", "update", created.id]],
    );
    assert.deepEqual(
      scratch.newCalls().map((call) => call.hook),
      ["configure", "check", "diff", "update"],
    );
    assert.equal(runner.state().resources[0].initErrors, undefined);
  });

  it("fails with the program's error when the program throws", async () => {
    const runner = scratch.runner("echo.ts", { stack: "program-error" });
    const error = await rejection(runner.up({ config: { throwError: "true" } }));

    assert.deepEqual(
      error.errors.map((e) => e.kind),
      ["program"],
    );
    assert.match(error.errors[0].message, /the fixture program was asked to fail/);
    assert.deepEqual(runner.state().resources, []);
  });
});
