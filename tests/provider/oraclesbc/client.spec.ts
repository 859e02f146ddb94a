// SbcClient against the simulator: token reuse and renewal before 10 minutes that carries a held
// lock over to the new token (form field `token`), device messages in errors, save/verify/activate
// polled to the end when answered 202 and not polled when answered 200 (a device that completes an
// action synchronously never reports it on asyncstatus), and a token never shown in an error.
import { strict as assert } from "node:assert";
import { SbcClient } from "../../../provider/oraclesbc/client";
import { resolveSbcConnection } from "../../../provider/oraclesbc/connection";
import { sbcConnection, withSbcAudit } from "../../support/oraclesbc";
import { withSimulator } from "../../support/withSimulator";

describe("oraclesbc SbcClient", () => {
  const sim = withSimulator({ vendors: ["oraclesbc"] });
  let now = 0;
  let client: SbcClient;

  beforeEach(async () => {
    await sim.reset();
    await sim.action("oraclesbc", "configure", { jobDurationMs: 150 });
    now = Date.now() + Math.floor(Math.random() * 1e9);
    client = new SbcClient(
      resolveSbcConnection({ ...sbcConnection(sim), url: `${sim.urls.oraclesbc}/` }),
      { nowMs: () => now },
    );
  });
  withSbcAudit(sim, { releaseLeftLock: true });

  it("renews the token after 8 minutes with the old one in the form body, keeping the lock", async () => {
    await client.lockOnce();
    now += 9 * 60 * 1000;
    await client.createRecord({ name: ["renewed"], "common-name": ["r.example.com"] });
    const audit = (await sim.action("oraclesbc", "audit")) as {
      events: { event: string }[];
      configDenied: number;
    };
    assert.ok(audit.events.some((e) => e.event === "lock-transferred"));
    assert.equal(audit.configDenied, 0);
    await client.unlock();
  });

  it("save/verify/activate waits for each job to report success", async () => {
    await client.lockOnce();
    const started = Date.now();
    await client.saveVerifyActivate();
    await client.unlock();
    assert.ok(Date.now() - started >= 3 * 150, `took ${Date.now() - started} ms`);
    const status = (sim.inventory().vendors.oraclesbc as { latestJob: string }).latestJob;
    assert.equal(status, "activate");
  });

  it("failing case: a device message surfaces in the error (423 without the lock)", async () => {
    await assert.rejects(client.createRecord({ name: ["x"] }), (err: Error) => {
      assert.match(err.message, /HTTP 423/);
      assert.match(err.message, /User does not have the lock/);
      return true;
    });
  });

  it("an unlock answered 423 (not held) is not an error", async () => {
    await client.unlock();
  });

  it("failing case: a bad token given as connection.token is rejected without showing it", async () => {
    const bad = new SbcClient(
      resolveSbcConnection({
        url: sim.urls.oraclesbc,
        token: "not-a-real-token-secret-123",
        caCertPem: sim.caCertPem,
      }),
    );
    await assert.rejects(bad.getRecord("x"), (err: Error) => {
      assert.match(err.message, /HTTP 401/);
      assert.doesNotMatch(err.message, /not-a-real-token-secret-123/);
      return true;
    });
  });

  describe("actions the device completes synchronously (200, never on asyncstatus)", () => {
    // Simulated time: each poll's sleep advances the clock, so a client that waited for a job the
    // device never reports would hit its 120 s deadline within milliseconds instead of hanging.
    let fakeNow = 0;
    let timed: SbcClient;

    beforeEach(() => {
      fakeNow = Date.now();
      timed = new SbcClient(resolveSbcConnection(sbcConnection(sim)), {
        nowMs: () => fakeNow,
        sleep: async (ms) => void (fakeNow += ms),
      });
      sim.resetCounts();
    });
    afterEach(async () => {
      sim.faults.clear();
      await sim.action("oraclesbc", "configure", { synchronousActions: [] });
    });

    function asyncstatusPolls(): number {
      return sim.countOf({
        vendor: "oraclesbc",
        method: "GET",
        path: "/rest/v1.2/admin/asyncstatus",
      });
    }

    for (const [synchronousActions, polledJobs] of [
      [["verify"], ["save", "activate"]],
      [["save", "verify", "activate"], []],
      [[], ["save", "verify", "activate"]],
    ] as const) {
      it(`synchronous [${synchronousActions.join(", ")}]: asyncstatus polled for ${polledJobs.join(", ") || "nothing"}`, async () => {
        await sim.action("oraclesbc", "configure", {
          jobDurationMs: 0,
          synchronousActions: [...synchronousActions],
        });
        await timed.lockOnce();
        try {
          await timed.saveVerifyActivate();
        } finally {
          await timed.unlock();
        }
        // With jobDurationMs 0 every polled job reports success on its first poll.
        assert.equal(asyncstatusPolls(), polledJobs.length);
        const latestJob = (sim.inventory().vendors.oraclesbc as { latestJob: string | null })
          .latestJob;
        assert.equal(latestJob, polledJobs.at(-1) ?? null);
      });
    }

    it("failing case: a synchronous verify answered 200 with a failed state is an error naming it", async () => {
      // A management PUT answered 200 at once, with this operationState.
      const answeredAtOnce = (operationState: string) =>
        sim.faults.add({
          vendor: "oraclesbc",
          method: "PUT",
          path: "/rest/v1.2/configuration/management",
          kind: "status",
          status: 200,
          contentType: "application/xml",
          body: `<response><data><operationState>${operationState}</operationState></data><messages/><links/></response>`,
        });
      answeredAtOnce("<operation>save</operation><status>success</status>");
      answeredAtOnce(
        "<operation>verify</operation><status>failure</status>" +
          "<additionalInfo>certificate-record r1 has no certificate</additionalInfo>",
      );
      await timed.lockOnce();
      try {
        await assert.rejects(timed.saveVerifyActivate(), (err: Error) => {
          assert.match(
            err.message,
            /verify ended with status "failure": certificate-record r1 has no certificate\. Run "verify-config"/,
          );
          return true;
        });
      } finally {
        await timed.unlock();
      }
      assert.equal(asyncstatusPolls(), 0);
    });
  });
});
