// CertificateRecord hooks against the Oracle SBC simulator: check rules, create (device key, CSR that
// openssl verifies with the record's subject), adopt/409, update regenerating the CSR, refresh drift,
// delete, and the lock discipline under parallel creates, a lock held by another user, a 500 mid-create
// and a token expiring mid-run. After every test the device holds no lock.
import { strict as assert } from "node:assert";
import * as hooks from "../../../provider/oraclesbc/certificateRecord";
import type { CertificateRecordOutputs } from "../../../provider/oraclesbc/certificateRecord";
import type { CertificateRecordInputs } from "../../../provider/oraclesbc/certificateRecordInputs";
import { PartialCreateError } from "../../../provider/core/errors";
import { UNKNOWN } from "../../../provider/core/validation";
import { verifyCsr } from "../../support/openssl";
import { sbcAudit, sbcConnection, withSbcAudit } from "../../support/oraclesbc";
import { withSimulator } from "../../support/withSimulator";

describe("oraclesbc.CertificateRecord hooks", function () {
  const sim = withSimulator({ vendors: ["oraclesbc"] });
  let connection: Record<string, unknown>;

  beforeEach(async () => {
    await sim.reset();
    sim.faults.clear();
    await sim.action("oraclesbc", "configure", { jobDurationMs: 20 });
    connection = { ...sbcConnection(sim), lockTimeoutSeconds: 5 };
  });
  afterEach(() => sim.setClockOffset(0));
  withSbcAudit(sim, { releaseLeftLock: true });

  const audit = () => sbcAudit(sim);
  async function checked(raw: Record<string, unknown>): Promise<CertificateRecordInputs> {
    const res = await hooks.check({}, { connection, ...raw });
    assert.deepEqual(res.failures, []);
    return res.inputs as unknown as CertificateRecordInputs;
  }
  function records(): { name: string; commonName: string; hasKey: boolean }[] {
    return (sim.inventory().vendors.oraclesbc as { records: never[] }).records;
  }

  it("check: defaults filled, country upper-cased, unknowns passed through", async () => {
    const res = await hooks.check({}, { name: "r", country: "de", commonName: UNKNOWN });
    assert.deepEqual(res.failures, []);
    assert.deepEqual(res.inputs, {
      name: "r",
      country: "DE",
      commonName: UNKNOWN,
      keySize: 2048,
      keyAlgorithm: "rsa",
      saveAndActivate: true,
      adoptExisting: false,
    });
  });

  it("failing cases: check rejects each bad input naming the property, the value and the rule", async () => {
    const res = await hooks.check(
      {},
      {
        name: "bad name",
        country: "USA",
        keySize: 1024,
        keyAlgorithm: "dsa",
        alternateNames: ["DNS:ok.example.com", "URI:https://x"],
        organization: "o".repeat(65),
        keyUsages: ["signEverything"],
      },
    );
    assert.deepEqual(res.failures, [
      {
        property: "name",
        reason:
          `name must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit; ` +
          `got "bad name".`,
      },
      {
        property: "country",
        reason: 'country must be a 2-letter ISO country code, e.g. "US"; got "USA".',
      },
      {
        property: "organization",
        reason: `organization must have at most 64 characters; got 65: "${"o".repeat(65)}".`,
      },
      {
        property: "alternateNames[1]",
        reason:
          'alternateNames[1] must be a "DNS:<name>", "IP:<address>" or "email:<address>" entry; ' +
          'got "URI:https://x".',
      },
      {
        property: "keySize",
        reason:
          "keySize must be one of 2048, 4096; got 1024. The device accepts 1024-bit keys but they are " +
          "too weak for TLS and CAs refuse to sign them: use 2048 (the default) or 4096.",
      },
      {
        property: "keyAlgorithm",
        reason: 'keyAlgorithm must be one of "rsa", "ecdsa"; got "dsa".',
      },
      {
        property: "keyUsages[0]",
        reason:
          "keyUsages[0] must be one of digitalSignature, nonRepudiation, keyEncipherment, " +
          "dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly; " +
          'got "signEverything".',
      },
    ]);
  });

  it("create: the device generates the key; the CSR verifies and carries the record's subject and SANs", async () => {
    const inputs = await checked({
      name: "sbc-tls",
      commonName: "sbc.example.com",
      country: "GB",
      state: "London",
      locality: "City",
      organization: "Acme",
      unit: "Voice",
      alternateNames: ["DNS:sbc.example.com", "IP:192.0.2.7"],
      keySize: 4096,
    });
    const { id, outs } = await hooks.create(inputs as unknown as Record<string, unknown>);
    assert.equal(id, "sbc-tls");
    assert.equal(outs.recordName, "sbc-tls");
    assert.equal(outs.schemaVersion, 1);
    const csr = verifyCsr(outs.certRequestPem);
    assert.equal(csr.subject, "CN=sbc.example.com,OU=Voice,O=Acme,L=City,ST=London,C=GB");
    assert.match(csr.text, /Public-Key: \(4096 bit\)/);
    assert.match(csr.text, /DNS:sbc\.example\.com, IP Address:192\.0\.2\.7/);
    assert.deepEqual(records(), [
      { name: "sbc-tls", commonName: "sbc.example.com", hasKey: true, hasCertificate: false },
    ]);
    const a = await audit();
    // lock, POST, generateRequest, save, verify, activate, unlock.
    assert.deepEqual([a.locks, a.configCalls, a.configDenied, a.lockDenied], [1, 5, 0, 0]);
    assert.doesNotMatch(JSON.stringify(outs), /PRIVATE KEY/);
  });

  it("failing case: an existing record unlike the inputs, without adoptExisting, is a clear error; with it, adopted", async () => {
    const inputs = await checked({ name: "taken", commonName: "a.example.com" });
    await hooks.create(inputs as unknown as Record<string, unknown>);
    const other = await checked({ name: "taken", commonName: "c.example.com", country: "GB" });
    await assert.rejects(hooks.create(other as unknown as Record<string, unknown>), {
      message:
        `Oracle SBC: a certificate-record named "taken" already exists on ${sim.urls.oraclesbc} ` +
        `(POST configElements answered 409) and its commonName, country differ from these inputs. ` +
        `To manage that record (its attributes are set to these inputs and its CSR is read), add ` +
        "`adoptExisting: true` to this resource, or import it: `pulumi import " +
        "certplane:oraclesbc:CertificateRecord <resource name> taken`; otherwise choose another name.",
    });
    const adopt = await checked({
      name: "taken",
      commonName: "b.example.com",
      adoptExisting: true,
    });
    const { outs } = await hooks.create(adopt as unknown as Record<string, unknown>);
    // The attributes changed on adoption, so the device's CSR was regenerated for them.
    assert.match(verifyCsr(outs.certRequestPem).subject, /^CN=b\.example\.com,/);
    assert.equal(records()[0].commonName, "b.example.com");
  });

  it("regression: a record a killed run left (declared attributes, no certificate) is taken by the next create", async () => {
    const inputs = await checked({ name: "left", commonName: "a.example.com", unit: "Voice" });
    const first = await hooks.create(inputs as unknown as Record<string, unknown>);
    // The engine never recorded `first` (its provider was killed): the same create runs again.
    const again = await hooks.create(inputs as unknown as Record<string, unknown>);
    assert.deepEqual(again, first);
    assert.deepEqual(records(), [
      { name: "left", commonName: "a.example.com", hasKey: true, hasCertificate: false },
    ]);
    // Spelling out a device default is the same record too.
    const spelled = await checked({ ...inputs, country: "US", adoptExisting: false });
    assert.equal((await hooks.create(spelled as unknown as Record<string, unknown>)).id, "left");
  });

  it("diff/update: an attribute change updates in place and regenerates the CSR; name replaces", async () => {
    const inputs = await checked({ name: "upd", commonName: "old.example.com" });
    const { outs } = await hooks.create(inputs as unknown as Record<string, unknown>);
    const same = await hooks.diff("upd", outs, inputs);
    assert.deepEqual(same, { changes: false, replaces: [], deleteBeforeReplace: false });
    const next = await checked({ name: "upd", commonName: "new.example.com" });
    assert.deepEqual(await hooks.diff("upd", outs, next), {
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const renamed = await checked({ name: "upd2", commonName: "old.example.com" });
    assert.deepEqual((await hooks.diff("upd", outs, renamed)).replaces, ["name"]);
    const updated = await hooks.update("upd", outs, next as unknown as Record<string, unknown>);
    assert.notEqual(updated.outs.certRequestPem, outs.certRequestPem);
    assert.match(verifyCsr(updated.outs.certRequestPem).subject, /^CN=new\.example\.com,/);
    assert.equal(records()[0].commonName, "new.example.com");
  });

  it("read: reports the device's values as drift; a deleted record returns no id; delete removes it", async () => {
    const inputs = await checked({ name: "drift", commonName: "a.example.com" });
    const { outs } = await hooks.create(inputs as unknown as Record<string, unknown>);
    const fresh = await hooks.read("drift", outs as unknown as Record<string, unknown>);
    assert.deepEqual(fresh, { id: "drift", props: outs });
    const drifted = await hooks.update("drift", outs, {
      ...inputs,
      commonName: "changed-on-device.example.com",
    } as unknown as Record<string, unknown>);
    const seen = await hooks.read("drift", outs as unknown as Record<string, unknown>);
    assert.equal(
      (seen.props as CertificateRecordOutputs).commonName,
      "changed-on-device.example.com",
    );
    await hooks.delete("drift", drifted.outs);
    assert.deepEqual(records(), []);
    assert.deepEqual(await hooks.read("drift", outs as unknown as Record<string, unknown>), {
      id: "",
      props: {},
    });
    await hooks.delete("drift", drifted.outs);
  });

  it("10 records created in parallel all succeed; never a lock conflict or a call without the lock", async () => {
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        checked({ name: `par-${i}`, commonName: `p${i}.example.com`, keyAlgorithm: "ecdsa" }),
      ),
    );
    const results = await Promise.all(
      all.map((inputs) => hooks.create(inputs as unknown as Record<string, unknown>)),
    );
    assert.deepEqual(
      results.map((r) => r.id),
      Array.from({ length: 10 }, (_, i) => `par-${i}`),
    );
    assert.equal(records().length, 10);
    const a = await audit();
    assert.deepEqual([a.locks, a.lockDenied, a.configDenied, a.maxHolders], [10, 0, 0, 1]);
  });

  it("a lock held by another user that is released after a while: create waits and succeeds", async () => {
    await sim.action("oraclesbc", "holdLock", { ms: 600 });
    const started = Date.now();
    const inputs = await checked({ name: "waited" });
    const { id } = await hooks.create(inputs as unknown as Record<string, unknown>);
    assert.equal(id, "waited");
    assert.ok(Date.now() - started >= 550, "create did not wait for the lock");
    assert.ok((await audit()).lockDenied >= 1);
  });

  it("failing case: a lock never released ends with a clear error within lockTimeoutSeconds", async () => {
    await sim.action("oraclesbc", "holdLock", {});
    connection.lockTimeoutSeconds = 1;
    const inputs = await checked({ name: "blocked" });
    const started = Date.now();
    await assert.rejects(
      hooks.create(inputs as unknown as Record<string, unknown>),
      (err: Error) => {
        assert.match(
          err.message,
          new RegExp(
            `^Oracle SBC ${sim.urls.oraclesbc.replace(/[.]/g, "\\.")}: the configuration lock is held by ` +
              `another user \\(the device answered 423 "Resource locked by another user" to \\d+ lock ` +
              `request\\(s\\) over 1 s; lockTimeoutSeconds is 1\\)\\. .* raise lockTimeoutSeconds ` +
              `\\(connection\\.lockTimeoutSeconds, stack config certplane:oraclesbcLockTimeoutSeconds or ` +
              `environment variable CERTPLANE_ORACLESBC_LOCK_TIMEOUT_SECONDS\\) to wait longer\\.$`,
          ),
        );
        return true;
      },
    );
    assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms`);
    assert.deepEqual(records(), []);
    assert.equal((await audit()).configCalls, 0);
    await sim.action("oraclesbc", "releaseLock");
  });

  it("failing case: a 500 in the middle of create releases the lock and reports a partial create", async () => {
    sim.faults.add({
      vendor: "oraclesbc",
      method: "PUT",
      path: "/rest/v1.2/configuration/certificates/generateRequest",
      kind: "status",
      status: 500,
      times: 10,
    });
    const inputs = await checked({ name: "half" });
    const err = await hooks.create(inputs as unknown as Record<string, unknown>).then(
      () => assert.fail("create succeeded"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof PartialCreateError);
    assert.equal(err.id, "half");
    assert.equal(err.properties.recordName, "half");
    assert.equal(err.properties.certRequestPem, undefined);
    assert.match(
      err.reasons[0],
      /^Oracle SBC certificate-record "half" was created, but a later step failed: .*HTTP 500/,
    );
    assert.equal((await audit()).lockHolder, null);
    sim.faults.clear();
    // The next up: diff sees the missing CSR, update finishes the record.
    const olds = err.properties as unknown as CertificateRecordOutputs;
    assert.equal((await hooks.diff("half", olds, inputs)).changes, true);
    const done = await hooks.update("half", olds, inputs as unknown as Record<string, unknown>);
    assert.match(done.outs.certRequestPem, /^-----BEGIN CERTIFICATE REQUEST-----/);
  });

  it("a token that expires mid-run is renewed and the work continues", async () => {
    await hooks.create((await checked({ name: "t1" })) as unknown as Record<string, unknown>);
    sim.setClockOffset(700);
    await hooks.create((await checked({ name: "t2" })) as unknown as Record<string, unknown>);
    assert.deepEqual(
      records().map((r) => r.name),
      ["t1", "t2"],
    );
  });

  it("a token that expires while the lock is held: re-authenticated, re-locked, the work finishes", async () => {
    await sim.action("oraclesbc", "configure", {
      tokenLifetimeSeconds: 1,
      generateLatencyMs: 1200,
    });
    try {
      const { outs } = await hooks.create(
        (await checked({ name: "slow", keyAlgorithm: "ecdsa" })) as unknown as Record<
          string,
          unknown
        >,
      );
      assert.match(outs.certRequestPem, /^-----BEGIN CERTIFICATE REQUEST-----/);
      const a = await audit();
      assert.ok(
        a.events.some((e) => e.event === "lock-expired"),
        "the lock never expired",
      );
      assert.equal(a.locks, 2, "re-locked once after the token expired");
      assert.equal(a.configDenied, 0);
    } finally {
      await sim.action("oraclesbc", "configure", {
        tokenLifetimeSeconds: 600,
        generateLatencyMs: 0,
      });
    }
  });

  it("failing case: a wrong password is an authentication error that never shows the password", async () => {
    connection.password = "hunter2-wrong-secret";
    const inputs = await checked({ name: "nope" });
    await assert.rejects(
      hooks.create(inputs as unknown as Record<string, unknown>),
      (err: Error) => {
        assert.match(err.message, /HTTP 401/);
        assert.match(err.message, /Client not authorized/);
        assert.doesNotMatch(err.message, /hunter2/);
        assert.doesNotMatch(err.message, new RegExp(sim.credentials.oraclesbc.password));
        return true;
      },
    );
  });
});
