/**
 * The examples as stacks: examples/quickstart, then examples/consumer reading its outputs through a
 * StackReference in the same state folder. The quickstart's key crosses stacks as a secret and is
 * never plain in either state file; the consumer bundles the PCA-signed certificate as PKCS#12.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { LifecycleRunner, revealSecrets } from "../../testing";
import { withExample } from "../support/withExample";

describe("examples: quickstart and its consumer stack", () => {
  const {
    sim,
    stateDir,
    runner: quickstart,
    runnerFor,
  } = withExample("quickstart", { stack: "demo" });
  let consumer: LifecycleRunner;
  before(() => (consumer = runnerFor("consumer")));

  it("the consumer builds on the quickstart's outputs, the key staying secret across stacks", async () => {
    const upstream = await quickstart.up();
    assert.ok(upstream.secretOutputs.includes("nsoUserKey"));

    const downstream = await consumer.up();

    assert.equal(downstream.counts.create, 1);
    assert.equal(downstream.counts.read, 1, "the StackReference");
    assert.equal(downstream.outputs.sharesQuickstartKey, true);
    // The PKCS#12 bundle of the PCA-signed certificate opens with the demo password.
    assert.ok(downstream.secretOutputs.includes("nsoUserPfx"));
    const pfx = path.join(stateDir, "nso-user.p12");
    fs.writeFileSync(
      pfx,
      Buffer.from(revealSecrets(downstream.outputs.nsoUserPfx) as string, "base64"),
    );
    const opened = spawnSync(
      "openssl",
      ["pkcs12", "-in", pfx, "-passin", "pass:certplane-demo", "-nokeys"],
      {
        encoding: "utf8",
      },
    );
    assert.equal(opened.status, 0, opened.stderr);
    assert.match(opened.stdout, /subject=CN ?= ?nso-user, OU ?= ?tenant-admin/);
    const gnmi = downstream.resources.find((r) => r.name === "nso-user-gnmi");
    assert.deepEqual(gnmi?.secretInputs, ["privateKeyPem"]);
    assert.ok(gnmi?.secretOutputs.includes("privateKeyPem"));
    for (const file of [upstream.stateFile, downstream.stateFile]) {
      const state = fs.readFileSync(file, "utf8");
      assert.equal(state.includes("PRIVATE KEY"), false, `${file}`);
      assert.equal(state.includes(sim.env.CERTPLANE_PCA_TOKEN), false, `${file}`);
    }
    const printed = [...upstream.logs, ...downstream.logs].map((line) => line.text).join("\n");
    assert.equal(
      printed.includes("PRIVATE KEY"),
      false,
      "a key in the program's or provider's output",
    );
  });

  it("a second up of the consumer changes nothing; both destroy cleanly, consumer first", async () => {
    assert.equal((await consumer.up()).changes, 0);
    await consumer.destroy();
    await quickstart.destroy();
    assert.deepEqual((await quickstart.state()).resources, []);
    assert.deepEqual((await consumer.state()).resources, []);
  });
});
