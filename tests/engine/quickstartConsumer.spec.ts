/**
 * examples/quickstart and examples/consumer under the real Pulumi CLI, two stacks on one file backend:
 * every certplane resource up at once, its secrets kept (checkpoint, stack output, CLI output); the
 * consumer reads the quickstart's key through a StackReference and it stays a secret there; both
 * preview with no change; both destroy (consumer first) leaving nothing at any vendor and no SBC lock.
 */
import { strict as assert } from "node:assert";
import {
  assertSecretsKept,
  exportedResources,
  isCiphertext,
  opsOf,
  pemBodyLine,
  revealedOutputs,
} from "./support/engine";
import { withEngineExample } from "./support/withEngineExample";

describe("engine: examples/quickstart and examples/consumer through the Pulumi CLI", function () {
  this.timeout(600_000);
  const example = withEngineExample("quickstart", {
    // The names the consumer's StackReference expects: organization/quickstart/demo.
    stackName: "demo",
    prepare: (started) => started.action("oraclesbc", "configure", { jobDurationMs: 20 }),
  });
  const { sim, stack: quickstart, printed, keep } = example;
  const consumer = example.stackFor("consumer", { stackName: "demo" });
  let nsoUserKey: string;

  it("the quickstart creates every resource and keeps its secrets; a no-change preview follows", async () => {
    const created = keep(await quickstart.up());
    const ops = Object.values(opsOf(created)).flat();
    assert.equal(ops.length, 13);
    assert.ok(ops.every((op) => op === "create"));
    const revealed = revealedOutputs(quickstart);
    nsoUserKey = revealed.nsoUserKey as string;
    assertSecretsKept(quickstart, {
      secretOutputs: ["gnmiToken", "nsoUserKey"],
      resourceSecrets: { "PcaPersonalAccessToken/gnmi": ["token"] },
      secretValues: [pemBodyLine(nsoUserKey), revealed.gnmiToken as string],
      printed,
    });
    assert.deepEqual(keep(await quickstart.preview({ expectNoChanges: true })).summary, {
      same: 14,
    });
  });

  it("the consumer reads the key through a StackReference; it stays a secret there", async () => {
    const created = keep(await consumer.up());
    assert.deepEqual(opsOf(created), { "CertificateRequest/nso-user-gnmi": ["create"] });
    const revealed = revealedOutputs(consumer);
    assert.equal(revealed.sharesQuickstartKey, true);
    const gnmi = exportedResources(consumer.exportState())["CertificateRequest/nso-user-gnmi"];
    assert.ok(isCiphertext(gnmi.inputs?.privateKeyPem), "the key input is not ciphertext");
    assertSecretsKept(consumer, {
      secretOutputs: ["nsoUserPfx"],
      resourceSecrets: { "CertificateRequest/nso-user-gnmi": ["privateKeyPem"] },
      secretValues: [pemBodyLine(nsoUserKey), revealed.nsoUserPfx as string],
      printed,
    });
    // The StackReference is a read, which the engine's summary does not count as "same".
    assert.deepEqual(keep(await consumer.preview({ expectNoChanges: true })).summary, { same: 2 });
  });

  it("destroy, consumer first, leaves nothing at any vendor and no SBC lock", async () => {
    // The engine discards the StackReference (it only read it) rather than deleting it.
    assert.deepEqual(keep(await consumer.destroy()).summary, { delete: 2, discard: 1 });
    assert.deepEqual(keep(await quickstart.destroy()).summary, { delete: 14 });
    const vendors = sim.inventory().vendors;
    assert.deepEqual(vendors.netfoundry.certificates, []);
    assert.deepEqual(vendors.zitadel.pats, []);
    assert.deepEqual(vendors.oraclesbc.records, []);
    assert.deepEqual(
      (vendors.appviewx.certificates as { status: string }[]).filter((c) => c.status === "Active"),
      [],
    );
    const audit = (await sim.action("oraclesbc", "audit")) as { lockHolder: string | null };
    assert.equal(audit.lockHolder, null);
  });
});
