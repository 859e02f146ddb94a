/**
 * A CertificateRecord created, updated and deleted through the lifecycle runner against an SBC that
 * answers each management action (save, verify, activate) either 202 + an asyncstatus job or 200 at
 * once. A device answering 200 never reports that action on asyncstatus, so a provider polling after
 * a 200 waited out its 120 s deadline and failed; these tests fail by their own short timeout then.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { verifyCsr } from "../support/openssl";
import { withSbcAudit } from "../support/oraclesbc";
import { REPO_ROOT } from "../support/packageLink";
import { withProgram } from "../support/withExample";

const PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "oraclesbc", "oneRecord.ts");
const ASYNCSTATUS = { vendor: "oraclesbc", method: "GET", path: "/rest/v1.2/admin/asyncstatus" };

/** Each device mode: the actions it completes synchronously and the ones it runs as jobs. */
const MODES = [
  { synchronousActions: [], jobs: ["save", "verify", "activate"] },
  { synchronousActions: ["verify"], jobs: ["save", "activate"] },
  { synchronousActions: ["save", "verify", "activate"], jobs: [] },
] as const;

for (const { synchronousActions, jobs } of MODES) {
  describe(`CertificateRecord lifecycle on an SBC completing [${synchronousActions.join(", ")}] synchronously`, function () {
    // Well under the provider's 120 s job deadline: a provider that polls after a 200 fails here.
    this.timeout(60_000);
    const { sim, runner } = withProgram(PROGRAM, { simulator: { vendors: ["oraclesbc"] } });

    before(() =>
      sim.action("oraclesbc", "configure", {
        // A job then reports success on its first poll: one asyncstatus GET per job, exactly.
        jobDurationMs: 0,
        synchronousActions: [...synchronousActions],
      }),
    );
    beforeEach(() => sim.resetCounts());
    withSbcAudit(sim);

    /** The latest asynchronous job on the device (asyncstatus knows only that one). */
    function latestJob(): string | null {
      return (sim.inventory().vendors.oraclesbc as { latestJob: string | null }).latestJob;
    }

    it("create: the record exists and the configuration was saved and activated", async () => {
      const result = await runner.up();
      assert.equal(result.counts.create, 1);
      assert.match(verifyCsr(result.outputs.csr as string).subject, /O=Example Corp/);
      assert.deepEqual(
        (sim.inventory().vendors.oraclesbc as { records: { name: string }[] }).records.map(
          (r) => r.name,
        ),
        ["rec"],
      );
      assert.equal(latestJob(), jobs.at(-1) ?? null);
      assert.equal(sim.countOf(ASYNCSTATUS), jobs.length);
    });

    it("update: an attribute change regenerates the CSR in place", async () => {
      const changed = await runner.up({ config: { organization: "Other Corp" } });
      assert.deepEqual(
        changed.resources
          .filter((r) => r.type.endsWith("OracleSbcCertificateRecord"))
          .map((r) => r.op),
        ["update"],
      );
      assert.match(verifyCsr(changed.outputs.csr as string).subject, /O=Other Corp/);
      assert.equal(sim.countOf(ASYNCSTATUS), jobs.length);
    });

    it("delete: destroy removes the record", async () => {
      const destroyed = await runner.destroy();
      assert.equal(destroyed.counts.delete, 1);
      assert.deepEqual((sim.inventory().vendors.oraclesbc as { records: unknown[] }).records, []);
      assert.equal(sim.countOf(ASYNCSTATUS), jobs.length);
    });
  });
}
