/**
 * Under the real Pulumi CLI, a resource recorded by a partial create is destroyed at once through
 * the dynamic door (regression: Pulumi's dynamic-provider host stores a partial create's properties
 * without `__provider`, and `pulumi destroy` failed with "code must be a string, not undefined",
 * leaving the record on the SBC). examples/oraclesbc-tls: the device refuses the CSR generation
 * after the record exists; `destroy` then deletes the record and leaves no lock held.
 * tests/lifecycle/partialCreateDestroy.spec.ts shows the same for every type through the runner.
 */
import { strict as assert } from "node:assert";
import { exportedResources } from "./support/engine";
import { failOnce } from "./support/failOnce";
import { withEngineExample } from "./support/withEngineExample";

const RECORD = "OracleSbcCertificateRecord/sbc-tls";

describe("engine: a partial create destroyed at once (examples/oraclesbc-tls)", function () {
  this.timeout(300_000);
  const { sim, stack } = withEngineExample("oraclesbc-tls", {
    vendors: ["oraclesbc", "pca"],
    stackName: "partial-destroy",
    env: { CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "20" },
  });
  const records = () => (sim.inventory().vendors.oraclesbc.records as { name: string }[]).length;

  it("destroy deletes the partly created record on the device and empties the stack", async () => {
    failOnce(sim, "oraclesbc", "PUT", "/rest/*/configuration/certificates/generateRequest", 403);
    const failed = await stack.attempt({ kind: "up" });
    assert.equal(failed.ok, false);
    assert.equal(exportedResources(stack.exportState())[RECORD]?.initErrors?.length, 1);
    assert.equal(records(), 1);

    await stack.destroy();
    assert.deepEqual(Object.keys(exportedResources(stack.exportState())), []);
    assert.equal(records(), 0);
    const audit = (await sim.action("oraclesbc", "audit")) as { lockHolder: string | null };
    assert.equal(audit.lockHolder, null, "the SBC lock was left held");
  });
});
