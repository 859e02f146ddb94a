/**
 * The lifecycle runner against the fixture dynamic provider, one stack through its whole life:
 * create, no-op, update, replace (both orders), removal, preview, refresh, destroy. The steps
 * share one runner and build on each other, like the runs of a real stack.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { UNKNOWN, type RunResult, type StackConfig } from "../../testing";
import { callNames, isAlive, type HookCall } from "../fixtures/runner/helpers";
import { withRunnerFixture } from "../support/withRunnerFixture";

function byName(result: RunResult, name: string) {
  const found = result.resources.find((resource) => resource.name === name);
  assert.ok(found, `no resource ${name} in the result`);
  return found;
}

function only(calls: HookCall[], hook: HookCall["hook"]): HookCall[] {
  return calls.filter((call) => call.hook === hook);
}

describe("LifecycleRunner: a stack's lifecycle against the fixture provider", () => {
  const scratch = withRunnerFixture();
  const runner = scratch.runner("echo.ts");
  // Each step adds to the configuration of the previous ones, as a user editing a stack would.
  let config: StackConfig = { count: "3", diffUnknown: "echo-1", ignoreValue: "echo-2" };
  let idsAfterFirstUp: string[] = [];

  it("first up creates every resource, configuring the provider once with the stack config", async () => {
    const result = await runner.up({ config });

    assert.equal(result.counts.create, 3);
    assert.equal(result.changes, 3);
    const calls = scratch.newCalls();
    assert.deepEqual(
      only(calls, "configure").map((call) => call.config),
      [
        {
          "runner-fixture:count": "3",
          "runner-fixture:diffUnknown": "echo-1",
          "runner-fixture:ignoreValue": "echo-2",
        },
      ],
    );
    assert.deepEqual(callNames(only(calls, "create")).sort(), [
      "create:echo-0",
      "create:echo-1",
      "create:echo-2",
    ]);
    assert.equal(only(calls, "diff").length, 0);
    idsAfterFirstUp = ["echo-0", "echo-1", "echo-2"].map((name) => byName(result, name).id);
    assert.deepEqual(result.outputs.ids, idsAfterFirstUp);
    assert.deepEqual(
      runner
        .state()
        .resources.map((resource) => resource.id)
        .sort(),
      [...idsAfterFirstUp].sort(),
    );
    assert.deepEqual(result.processes.map((p) => p.role).sort(), ["program", "provider"]);
    assert.ok(
      result.processes.every((p) => !isAlive(p.pid)),
      "a child process is still alive",
    );
  });

  it("a second identical up reports no change and calls neither Create nor Update", async () => {
    const result = await runner.up({ config });

    assert.equal(result.changes, 0);
    assert.equal(result.counts.same, 3);
    const calls = scratch.newCalls();
    assert.deepEqual(callNames(only(calls, "diff")).sort(), [
      "diff:echo-0",
      "diff:echo-1",
      "diff:echo-2",
    ]);
    assert.deepEqual(
      calls.filter((call) => ["create", "update", "delete"].includes(call.hook)),
      [],
    );
  });

  it("an input change updates in place, even where diff answers 'unknown', not where ignored", async () => {
    config = { ...config, value: "v2" };
    const result = await runner.up({ config });

    assert.deepEqual([result.counts.update, result.counts.same, result.changes], [2, 1, 2]);
    const updates = only(scratch.newCalls(), "update");
    // echo-1's diff answers DIFF_UNKNOWN: the runner compared the inputs and found value changed.
    // echo-2 has ignoreChanges: ["value"]: its old value is kept, so nothing changed.
    assert.deepEqual(updates.map((call) => [call.label, call.news?.value]).sort(), [
      ["echo-0", "v2"],
      ["echo-1", "v2"],
    ]);
    assert.deepEqual(result.outputs.ids, idsAfterFirstUp);
    assert.equal(byName(result, "echo-0").outputs.value, "v2");
    assert.equal(byName(result, "echo-2").outputs.value, "v1");
  });

  it("a replacement creates the new object first and deletes the old one at the end of the run", async () => {
    config = { ...config, "replaceKey.echo-0": "r2" };
    const result = await runner.up({ config });

    assert.deepEqual([result.counts.replace, result.counts.same, result.changes], [1, 2, 1]);
    const replaced = byName(result, "echo-0");
    assert.notEqual(replaced.id, idsAfterFirstUp[0]);
    const changing = scratch.newCalls().filter((call) => ["create", "delete"].includes(call.hook));
    assert.deepEqual(
      changing.map((call) => [call.hook, call.id]),
      [
        ["create", replaced.id],
        ["delete", idsAfterFirstUp[0]],
      ],
    );
    const inState = runner.state().resources.filter((resource) => resource.name === "echo-0");
    assert.deepEqual(
      inState.map((resource) => [resource.id, resource.pendingDeletion]),
      [[replaced.id, undefined]],
    );
  });

  it("delete-before-replace, asked by the provider's diff or by the resource option, deletes first", async () => {
    const before = runner.state().resources;
    const oldId = (name: string) => before.find((resource) => resource.name === name)?.id;
    config = {
      ...config,
      "replaceKey.echo-0": "r3",
      dbrFromDiff: "echo-0",
      "replaceKey.echo-2": "r2",
      dbrOption: "echo-2",
    };
    const result = await runner.up({ config });

    assert.equal(result.counts.replace, 2);
    const calls = scratch.newCalls().filter((call) => ["create", "delete"].includes(call.hook));
    for (const name of ["echo-0", "echo-2"]) {
      const sequence = calls
        .filter((call) => call.label === name)
        .map((call) => [call.hook, call.id]);
      assert.deepEqual(sequence, [
        ["delete", oldId(name)],
        ["create", byName(result, name).id],
      ]);
    }
  });

  it("a resource removed from the program is deleted at the end of the run", async () => {
    const removedId = runner.state().resources.find((resource) => resource.name === "echo-2")?.id;
    config = { ...config, count: "2" };
    const result = await runner.up({ config });

    assert.deepEqual([result.counts.delete, result.counts.same, result.changes], [1, 2, 1]);
    assert.equal(byName(result, "echo-2").op, "delete");
    const calls = scratch.newCalls();
    assert.deepEqual(
      only(calls, "delete").map((call) => call.id),
      [removedId],
    );
    assert.equal(fs.existsSync(scratch.objectFile(String(removedId))), false);
    assert.deepEqual(
      runner
        .state()
        .resources.map((resource) => resource.name)
        .sort(),
      ["echo-0", "echo-1"],
    );
  });

  it("preview creates nothing and hands the unknown sentinel to the check of a dependent", async () => {
    const stateBefore = fs.readFileSync(runner.stateFile, "utf8");
    const result = await runner.preview({
      config: { ...config, count: "3", withDependent: "true" },
    });

    assert.deepEqual([result.counts.create, result.counts.same], [2, 2]);
    assert.equal(byName(result, "echo-2").id, "");
    assert.equal(byName(result, "dependent").inputs.upstream, UNKNOWN);
    const calls = scratch.newCalls();
    const dependentCheck = only(calls, "check").find((call) => call.label === "dependent");
    assert.equal(dependentCheck?.news?.upstream, UNKNOWN);
    assert.deepEqual(
      calls.filter((call) => ["create", "update", "delete"].includes(call.hook)),
      [],
    );
    assert.equal(fs.readFileSync(runner.stateFile, "utf8"), stateBefore);
  });

  it("a dependent receives its upstream's real output", async () => {
    config = { ...config, count: "3", withDependent: "true", retain: "echo-0" };
    const result = await runner.up({ config });

    assert.equal(result.counts.create, 2);
    assert.equal(
      byName(result, "dependent").inputs.upstream,
      byName(result, "echo-2").outputs.serial,
    );
    assert.equal(result.outputs.dependentUpstream, byName(result, "echo-2").outputs.serial);
    scratch.newCalls();
  });

  it("refresh drops a resource removed out of band and reports one changed out of band", async () => {
    const state = runner.state().resources;
    const idOf = (name: string) => String(state.find((resource) => resource.name === name)?.id);
    fs.rmSync(scratch.objectFile(idOf("echo-1")));
    const tampered = JSON.parse(fs.readFileSync(scratch.objectFile(idOf("echo-0")), "utf8"));
    fs.writeFileSync(
      scratch.objectFile(idOf("echo-0")),
      JSON.stringify({ ...tampered, value: "edited" }),
    );

    const result = await runner.refresh({ config });

    assert.deepEqual(result.resources.map((resource) => [resource.name, resource.op]).sort(), [
      ["dependent", "refresh-same"],
      ["echo-0", "refresh-changed"],
      ["echo-1", "refresh-removed"],
      ["echo-2", "refresh-same"],
    ]);
    assert.equal(result.changes, 2);
    assert.equal(only(scratch.newCalls(), "read").length, 4);
    const after = runner.state().resources;
    assert.deepEqual(after.map((resource) => resource.name).sort(), [
      "dependent",
      "echo-0",
      "echo-2",
    ]);
    assert.equal(after.find((resource) => resource.name === "echo-0")?.outputs.value, "edited");
    assert.deepEqual(
      result.processes.map((p) => p.role),
      ["provider"],
    );
  });

  it("destroy deletes in reverse dependency order, keeps retainOnDelete objects, empties state", async () => {
    const retainedId = runner.state().resources.find((resource) => resource.name === "echo-0")?.id;
    const result = await runner.destroy({ config });

    assert.equal(result.counts.delete, 3);
    const deletes = only(scratch.newCalls(), "delete");
    // echo-0 has retainOnDelete: dropped from state without a Delete call.
    assert.deepEqual(callNames(deletes).sort(), ["delete:dependent", "delete:echo-2"]);
    const dependent = deletes.find((call) => call.label === "dependent");
    const upstream = deletes.find((call) => call.label === "echo-2");
    assert.ok(
      dependent && upstream && dependent.end <= upstream.start,
      "echo-2 was deleted before its dependent",
    );
    assert.deepEqual(runner.state().resources, []);
    assert.deepEqual(fs.readdirSync(`${scratch.fixtureDir}/objects`), [`${retainedId}.json`]);
  });
});
