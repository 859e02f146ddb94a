// SbcClient against the simulator: token reuse and renewal before 10 minutes that carries a held
// lock over to the new token (form field `token`), device messages in errors, save/verify/activate
// polled to the end, and a token never shown in an error.
import { strict as assert } from "node:assert";
import type { Simulator } from "../../../simulator/core/simulator";
import { SbcClient } from "../../../provider/oraclesbc/client";
import { resolveSbcConnection } from "../../../provider/oraclesbc/connection";
import { startSbcSimulator } from "../../helpers/oraclesbcTest";

describe("oraclesbc SbcClient", () => {
  let sim: Simulator;
  let now = 0;
  let client: SbcClient;

  before(async () => {
    sim = await startSbcSimulator();
  });
  after(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    await sim.reset();
    await sim.action("oraclesbc", "configure", { jobDurationMs: 150 });
    const creds = sim.credentials.oraclesbc;
    now = Date.now() + Math.floor(Math.random() * 1e9);
    client = new SbcClient(
      resolveSbcConnection({
        url: `${sim.urls.oraclesbc}/`,
        username: creds.username,
        password: creds.password,
        caCertPem: sim.caCertPem,
      }),
      { nowMs: () => now },
    );
  });
  afterEach(async () => {
    const audit = (await sim.action("oraclesbc", "audit")) as { lockHolder: string | null };
    if (audit.lockHolder !== null) await sim.action("oraclesbc", "releaseLock");
    assert.equal(audit.lockHolder, null, "a lock was left held");
  });

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
});
