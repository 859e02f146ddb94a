/**
 * Nothing expired goes onto the SBC (issue 24, item 4), examples/oraclesbc-tls through the
 * lifecycle runner on moved clocks: the signer renews (provider clock 77 days on, inside its 14-day
 * window) at a CA whose clock runs 20 days behind (the simulator's), so the certificate it returns
 * is already expired by the provider clock. The import refuses it at check, naming notAfter and now;
 * not one request reaches the SBC (request counter, lock audit) and the device keeps the certificate
 * it had. With the clocks right again the next up imports the renewed certificate.
 */
import { strict as assert } from "node:assert";
import { formatInstant } from "../../provider/core/instant";
import { parseCertificate } from "../../provider/core/x509";
import { LifecycleError, type RunResult } from "../../testing";
import { sbcAudit, withSbcAudit } from "../support/oraclesbc";
import { withExample } from "../support/withExample";

const DAY_MS = 86_400_000;
/** The subject PCA gives the device's certificate (its CN only). */
const SUBJECT = "CN=sbc.example.com";

function outputsOf(result: RunResult, type: string): Record<string, unknown> {
  const found = result.resources.find((r) => r.type.endsWith(type));
  assert.ok(found, `no ${type}`);
  return found.outputs;
}

describe("examples/oraclesbc-tls: an expired certificate is refused before anything reaches the SBC", () => {
  const { sim, runner } = withExample("oraclesbc-tls", {
    simulator: { vendors: ["oraclesbc", "pca"] },
  });
  let imported: string;

  before(() => sim.action("oraclesbc", "configure", { jobDurationMs: 20 }));
  withSbcAudit(sim, { lockDiscipline: true });

  const recordCount = () => (sim.inventory().vendors.oraclesbc.records as unknown[]).length;

  it("up: the record, PCA's certificate, the import", async () => {
    const first = await runner.up();
    assert.equal(first.counts.create, 3);
    imported = first.outputs.certificateFingerprint as string;
    assert.equal(recordCount(), 1);
  });

  it("failing case (regression): a renewal from a CA 20 days behind is expired by the provider clock: check refuses it, no SBC request, no lock", async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 77 * DAY_MS);
    sim.setClockOffset(-20 * 86_400);
    const calls = sim.countOf({ vendor: "oraclesbc" });
    const locks = (await sbcAudit(sim)).locks;
    let error: LifecycleError;
    try {
      error = await runner.up({ env: { CERTPLANE_NOW: formatInstant(now) } }).then(
        () => assert.fail("up should fail at the import's check"),
        (e: unknown) => e as LifecycleError,
      );
    } finally {
      sim.setClockOffset(0);
    }
    assert.ok(error instanceof LifecycleError, String(error));
    const renewed = outputsOf(error.result, "PcaSignedCertificate").certificatePem as string;
    const { notAfter } = parseCertificate(renewed);
    assert.ok(notAfter.getTime() < now.getTime(), "PCA's certificate is expired by then");
    assert.deepEqual(
      error.errors.map((e) => [e.kind, e.name, e.failures]),
      [
        [
          "check",
          "sbc-tls",
          [
            {
              property: "certificatePem",
              reason: `certificatePem (${SUBJECT}) has expired: its notAfter is ${formatInstant(notAfter)} and now is ${formatInstant(now)} (the provider clock). Nothing expired goes onto the SBC: pass a certificate valid now (have the CA sign the record's certRequestPem again; a signer upstream with earlyRenewalHours renews before notAfter).`,
            },
          ],
        ],
      ],
    );
    assert.equal(sim.countOf({ vendor: "oraclesbc" }), calls, "a request reached the SBC");
    assert.equal((await sbcAudit(sim)).locks, locks, "the SBC lock was taken");
  });

  it("the device still holds the certificate imported before, as refresh reads it", async () => {
    const refreshed = await runner.refresh();
    assert.equal(outputsOf(refreshed, "OracleSbcCertificateImport").fingerprintSha256, imported);
  });

  it("with the clocks right again, up imports the renewed certificate", async () => {
    const healed = await runner.up();
    const signed = outputsOf(healed, "PcaSignedCertificate").certificatePem as string;
    assert.equal(healed.outputs.certificateFingerprint, parseCertificate(signed).fingerprintSha256);
    assert.notEqual(healed.outputs.certificateFingerprint, imported);
  });

  it("destroy removes the record", async () => {
    await runner.destroy();
    assert.equal(recordCount(), 0);
  });
});
