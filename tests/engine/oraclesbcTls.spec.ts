/**
 * examples/oraclesbc-tls under the real Pulumi CLI (oraclesbc.CertificateRecord and
 * CertificateImport, PCA signing the device CSR): a refused CSR generation after the record exists is
 * a partial create the next up heals; no password or token in the checkpoint or the CLI's output; a
 * no-change preview; an attribute updates the record in place (PCA signs anew, create-before-delete;
 * the import overwrites); a new record name and the renewal window replace create-before-delete;
 * refresh shows a record deleted on the device and the next up heals it; destroy leaves no record and
 * no lock. After every step nobody holds the SBC's configuration lock.
 */
import { strict as assert } from "node:assert";
import { sbcRequest, sbcToken } from "../support/oraclesbc";
import {
  assertCreateBeforeDelete,
  assertSecretsKept,
  exportedResources,
  opsOf,
} from "./support/engine";
import { failOnce } from "./support/failOnce";
import { withEngineExample } from "./support/withEngineExample";

const RECORD = "OracleSbcCertificateRecord/sbc-tls";
const SIGNED = "PcaSignedCertificate/sbc-tls";
const IMPORT = "OracleSbcCertificateImport/sbc-tls";
const DAY_SECONDS = 86_400;

describe("engine: examples/oraclesbc-tls through the Pulumi CLI", function () {
  this.timeout(300_000);
  const { sim, stack, printed, keep } = withEngineExample("oraclesbc-tls", {
    vendors: ["oraclesbc", "pca"],
    prepare: (started) => started.action("oraclesbc", "configure", { jobDurationMs: 20 }),
    // A lock left held fails in 20 seconds instead of the default wait.
    env: { CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "20" },
  });
  const records = () =>
    (sim.inventory().vendors.oraclesbc.records as { name: string; hasCertificate: boolean }[]).map(
      (r) => `${r.name}${r.hasCertificate ? " +cert" : ""}`,
    );

  afterEach(async () => {
    const audit = (await sim.action("oraclesbc", "audit")) as {
      lockHolder: string | null;
      configDenied: number;
    };
    assert.equal(audit.lockHolder, null, "the SBC lock was left held");
    assert.equal(audit.configDenied, 0, "a configuration call was made without the lock");
  });

  it("a refused CSR generation after the record exists is a partial create; the next up heals it", async () => {
    failOnce(sim, "oraclesbc", "PUT", "/rest/*/configuration/certificates/generateRequest", 403);
    const failed = keep(await stack.attempt({ kind: "up" }));
    assert.equal(failed.ok, false);
    const partial = exportedResources(stack.exportState())[RECORD];
    assert.equal(partial?.id, "sbc-tls");
    assert.equal(partial.initErrors?.length, 1);
    assert.deepEqual(records(), ["sbc-tls"]);

    const healed = keep(await stack.up());
    assert.deepEqual(opsOf(healed), {
      [RECORD]: ["update"],
      [SIGNED]: ["create"],
      [IMPORT]: ["create"],
    });
    assert.equal(exportedResources(stack.exportState())[RECORD].initErrors, undefined);
    assert.deepEqual(records(), ["sbc-tls +cert"]);
  });

  it("no password or token in the checkpoint or the CLI's output; a no-change preview", async () => {
    assertSecretsKept(stack, {
      secretOutputs: [],
      secretValues: [sim.credentials.oraclesbc.password, sim.env.CERTPLANE_PCA_TOKEN],
      printed,
    });
    assert.deepEqual(keep(await stack.preview({ expectNoChanges: true })).summary, { same: 4 });
  });

  it("a new organization updates the record in place; PCA signs anew (create-before-delete); the import overwrites", async () => {
    const changed = keep(
      await stack.up({ config: { "oraclesbc-tls:organization": { value: "Other Corp" } } }),
    );
    assert.deepEqual(opsOf(changed)[RECORD], ["update"]);
    assertCreateBeforeDelete(changed, SIGNED);
    assert.deepEqual(opsOf(changed)[IMPORT], ["update"]);
  });

  it("inside the signer's renewal window (clocks moved 77 days) PCA signs anew and the import overwrites", async () => {
    const offsetSeconds = 77 * DAY_SECONDS;
    sim.setClockOffset(offsetSeconds);
    try {
      const renewed = keep(
        await stack.up({ env: { CERTPLANE_CLOCK_OFFSET_SECONDS: String(offsetSeconds) } }),
      );
      assert.deepEqual(opsOf(renewed)[RECORD], ["same"]);
      assertCreateBeforeDelete(renewed, SIGNED);
      assert.deepEqual(opsOf(renewed)[IMPORT], ["update"]);
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("a new record name replaces the record create-before-delete, and the import with it", async () => {
    const renamed = keep(
      await stack.up({ config: { "oraclesbc-tls:recordName": { value: "sbc-tls-2" } } }),
    );
    assertCreateBeforeDelete(renamed, RECORD);
    assertCreateBeforeDelete(renamed, IMPORT);
    assert.deepEqual(records(), ["sbc-tls-2 +cert"]);
  });

  it("refresh shows a record deleted on the device; the next up heals it", async () => {
    const token = await sbcToken(sim);
    for (const [method, path] of [
      ["POST", "/rest/v1.2/configuration/lock"],
      [
        "DELETE",
        "/rest/v1.2/configuration/configElements?elementType=certificate-record&name=sbc-tls-2",
      ],
      ["POST", "/rest/v1.2/configuration/unlock"],
    ]) {
      const answer = await sbcRequest(sim, method, path, { token });
      assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${answer.body}`);
    }
    const refreshed = keep(await stack.refresh());
    assert.ok((refreshed.summary?.delete ?? 0) >= 1, JSON.stringify(refreshed.summary));
    const healed = keep(await stack.up());
    assert.deepEqual(opsOf(healed)[RECORD], ["create"]);
    assert.deepEqual(records(), ["sbc-tls-2 +cert"]);
  });

  it("destroy removes the record from the device and leaves no lock", async () => {
    const destroyed = keep(await stack.destroy());
    assert.deepEqual(destroyed.summary, { delete: 4 });
    assert.deepEqual(records(), []);
  });
});
