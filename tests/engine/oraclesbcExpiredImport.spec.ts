/**
 * Nothing expired goes onto the SBC, under the real Pulumi CLI (examples/oraclesbc-tls, issue 24
 * item 4): the signer renews inside its window (provider clock 77 days on) at a CA whose clock runs
 * 20 days behind (the simulator's), so PCA returns a certificate already expired by the provider
 * clock. The import's certificatePem was unknown at preview (its signer was being replaced); the
 * engine checks it once known, and the up fails naming notAfter and now, with not one request to the
 * SBC (request counter, lock audit). The device keeps its certificate; with the clocks right again
 * the next up imports the renewed one. (A known expired PEM failing `pulumi preview` is in
 * ./checkFailures.spec.ts.)
 */
import { strict as assert } from "node:assert";
import { formatInstant } from "../../provider/core/instant";
import { sbcAudit } from "../support/oraclesbc";
import { exportedResources, opsOf } from "./support/engine";
import { withEngineExample } from "./support/withEngineExample";

const DAY_MS = 86_400_000;
const IMPORT = "OracleSbcCertificateImport/sbc-tls";

describe("engine: an expired certificate is refused before anything reaches the SBC", function () {
  this.timeout(300_000);
  const { sim, stack, keep } = withEngineExample("oraclesbc-tls", {
    vendors: ["oraclesbc", "pca"],
    prepare: (started) => started.action("oraclesbc", "configure", { jobDurationMs: 20 }),
    env: { CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS: "20" },
  });
  const deviceCertificate = () =>
    (sim.inventory().vendors.oraclesbc.records as { name: string; hasCertificate: boolean }[]).map(
      (r) => `${r.name}${r.hasCertificate ? " +cert" : ""}`,
    );
  let importedFingerprint: string;
  /** The import's fingerprint in the checkpoint (the device's certificate as last read). */
  const checkpointFingerprint = () =>
    exportedResources(stack.exportState())[IMPORT]?.outputs?.fingerprintSha256 as string;

  afterEach(async () => {
    const audit = await sbcAudit(sim);
    assert.equal(audit.lockHolder, null, "the SBC lock was left held");
    assert.equal(audit.configDenied, 0, "a configuration call was made without the lock");
  });

  it("up: the record, PCA's certificate, the import", async () => {
    const created = keep(await stack.up());
    assert.deepEqual(opsOf(created)[IMPORT], ["create"]);
    assert.deepEqual(deviceCertificate(), ["sbc-tls +cert"]);
    importedFingerprint = checkpointFingerprint();
    assert.equal(stack.outputs().certificateFingerprint, importedFingerprint);
  });

  it("failing case (regression): the renewal from a CA 20 days behind is expired by the provider clock: up fails at the import's check, no SBC request, no lock", async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 77 * DAY_MS);
    const calls = sim.countOf({ vendor: "oraclesbc" });
    const locks = (await sbcAudit(sim)).locks;
    sim.setClockOffset(-20 * 86_400);
    let printed: string;
    try {
      const failed = keep(
        await stack.attempt({ kind: "up", env: { CERTPLANE_NOW: formatInstant(now) } }),
      );
      assert.equal(failed.ok, false, "the up should fail at the import's check");
      printed = `${failed.output}\n${failed.error ?? ""}`;
      assert.equal(opsOf(failed)[IMPORT], undefined, "the engine started no import step");
    } finally {
      sim.setClockOffset(0);
    }
    const issued = sim.inventory().vendors.pca.certificates as { notAfter: string }[];
    const notAfter = formatInstant(issued[issued.length - 1].notAfter);
    assert.ok(Date.parse(notAfter) < now.getTime(), "PCA's new certificate is expired by then");
    for (const part of [
      `certificatePem (CN=sbc.example.com) has expired: its notAfter is ${notAfter} and now is ${formatInstant(now)} (the provider clock).`,
      "Nothing expired goes onto the SBC",
    ]) {
      assert.ok(printed.includes(part), `the CLI should print ${part}:\n${printed}`);
    }
    assert.equal(sim.countOf({ vendor: "oraclesbc" }), calls, "a request reached the SBC");
    assert.equal((await sbcAudit(sim)).locks, locks, "the SBC lock was taken");
  });

  it("the device still holds the certificate imported before, as refresh reads it", async () => {
    keep(await stack.refresh());
    assert.equal(checkpointFingerprint(), importedFingerprint);
  });

  it("with the clocks right again, up imports the renewed certificate", async () => {
    const healed = keep(await stack.up());
    assert.deepEqual(opsOf(healed)[IMPORT], ["update"]);
    assert.notEqual(checkpointFingerprint(), importedFingerprint);
    assert.equal(stack.outputs().certificateFingerprint, checkpointFingerprint());
  });

  it("destroy removes the record", async () => {
    keep(await stack.destroy());
    assert.deepEqual(deviceCertificate(), []);
  });
});
