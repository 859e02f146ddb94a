// The Oracle SBC simulator on the wire: the seed 003 curl example replayed, the XML envelope, the
// media-type, version and token rules, certificate-record CRUD with its 400/404/409 answers, the lock
// rules with the two documented 423 texts, import and save/verify/activate with asyncstatus (or
// answered 200 at once, for the actions configured synchronous).
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { newKeyAndCsr, tempFile, verifyCsr } from "../support/openssl";
import { recordXml, sbcRequest, sbcToken } from "../support/oraclesbc";
import { OpensslCa } from "../support/testCa";
import { withSimulator } from "../support/withSimulator";

const run = promisify(execFile);
const V = "/rest/v1.2";

function message(body: string): string | undefined {
  return /<message>([^<]*)<\/message>/.exec(body)?.[1];
}

describe("Oracle SBC simulator", function () {
  const sim = withSimulator({ vendors: ["oraclesbc"] });
  let token: string;

  beforeEach(async () => {
    await sim.reset();
    token = await sbcToken(sim);
  });
  afterEach(() => {
    const holder = (sim.inventory().vendors.oraclesbc as { lockHolder: unknown }).lockHolder;
    if (holder !== null) {
      // Tests that take the lock release it; a leftover lock is a test bug.
      void sim.action("oraclesbc", "releaseLock");
      assert.fail(`the lock was left held by ${String(holder)}`);
    }
  });

  async function lock(t = token): Promise<void> {
    const res = await sbcRequest(sim, "POST", `${V}/configuration/lock`, { token: t });
    assert.equal(res.status, 204, res.body);
  }
  async function unlock(t = token): Promise<void> {
    const res = await sbcRequest(sim, "POST", `${V}/configuration/unlock`, { token: t });
    assert.equal(res.status, 204, res.body);
  }
  async function createRecord(attrs: Record<string, string | string[]>) {
    return sbcRequest(sim, "POST", `${V}/configuration/configElements`, {
      token,
      body: recordXml(attrs),
    });
  }

  it("replays seed 003's curl example: token, lock, record, generateRequest → a CSR openssl verifies", async () => {
    const creds = sim.credentials.oraclesbc;
    const caFile = tempFile("sim-ca.pem", sim.caCertPem);
    const url = sim.urls.oraclesbc;
    const tokenXml = await run("curl", [
      "-sS",
      "--max-time",
      "20",
      "--cacert",
      caFile,
      "-X",
      "POST",
      "--header",
      "Accept: application/xml",
      "-u",
      `${creds.username}:${creds.password}`,
      `${url}/rest/v1.2/auth/token`,
    ]);
    const curlToken = /<accessToken>([^<]+)<\/accessToken>/.exec(tokenXml.stdout)?.[1] as string;
    assert.ok(curlToken, tokenXml.stdout);
    await lock(curlToken);
    const created = await sbcRequest(sim, "POST", `${V}/configuration/configElements`, {
      token: curlToken,
      body: recordXml({
        name: "rest-server",
        "common-name": "Acme-RestServer",
        "alternate-name": "DNS:sbc.example.com,IP:192.0.2.10",
      }),
    });
    assert.equal(created.status, 200, created.body);
    const csrXml = await run("curl", [
      "-sS",
      "--max-time",
      "60",
      "--cacert",
      caFile,
      "-X",
      "PUT",
      "--header",
      "Accept: application/xml",
      "--header",
      `Authorization: Bearer ${curlToken}`,
      `${url}/rest/v1.2/configuration/certificates/generateRequest?recordName=rest-server`,
    ]);
    await unlock(curlToken);
    assert.match(
      csrXml.stdout,
      /^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n<response><data><CertificateRequest><recordName>rest-server<\/recordName><certificateSignedRequest>-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+-----END CERTIFICATE REQUEST-----\n<\/certificateSignedRequest><\/CertificateRequest><\/data><messages\/><links\/><\/response>$/,
    );
    const csr =
      /(-----BEGIN CERTIFICATE REQUEST-----[\s\S]+-----END CERTIFICATE REQUEST-----)/.exec(
        csrXml.stdout,
      )?.[1] as string;
    const verified = verifyCsr(csr);
    // The defaults of vendor-apis.md 1.7 fill the subject; 2048-bit RSA by default.
    assert.equal(verified.subject, "CN=Acme-RestServer,O=Engineering,L=Burlington,ST=MA,C=US");
    assert.match(verified.text, /Public-Key: \(2048 bit\)/);
    assert.match(verified.text, /DNS:sbc\.example\.com, IP Address:192\.0\.2\.10/);
    assert.match(verified.text, /Digital Signature, Key Encipherment/);
    assert.match(verified.text, /TLS Web Server Authentication/);
    assert.doesNotMatch(csrXml.stdout, /PRIVATE KEY/);
  });

  it("failing cases: unknown version 404, bad Accept 406, bad Content-Type 415, no token 401", async () => {
    const v11 = await sbcRequest(sim, "GET", "/rest/v1.1/admin/asyncstatus", { token });
    assert.equal(v11.status, 404);
    assert.equal(message(v11.body), "Unsupported versionId in URI");
    const json = await sbcRequest(sim, "GET", `${V}/admin/asyncstatus`, {
      token,
      accept: "application/json",
    });
    assert.equal(json.status, 406);
    const form = await sbcRequest(sim, "POST", `${V}/configuration/configElements`, {
      token,
      body: recordXml({ name: "x" }),
      contentType: "application/json",
    });
    assert.equal(form.status, 415);
    const anonymous = await sbcRequest(sim, "GET", `${V}/admin/asyncstatus`);
    assert.equal(anonymous.status, 401);
    assert.equal(message(anonymous.body), "Client not authorized");
    const wrong = await sbcRequest(sim, "POST", `${V}/auth/token`, { basic: "admin:wrong" });
    assert.equal(wrong.status, 401);
  });

  it("failing case: a token expires after 10 minutes of simulator time", async () => {
    sim.setClockOffset(599);
    assert.equal((await sbcRequest(sim, "GET", `${V}/admin/asyncstatus`, { token })).status, 200);
    sim.setClockOffset(601);
    try {
      assert.equal((await sbcRequest(sim, "GET", `${V}/admin/asyncstatus`, { token })).status, 401);
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("lock rules: the two documented 423 texts, one holder, the lock bound to the token", async () => {
    const other = await sbcToken(sim);
    const notHeld = await sbcRequest(sim, "POST", `${V}/configuration/unlock`, { token });
    assert.equal(notHeld.status, 423);
    assert.equal(message(notHeld.body), "User does not have the lock");
    const noLock = await createRecord({ name: "a" });
    assert.equal(noLock.status, 423);
    assert.equal(message(noLock.body), "User does not have the lock");
    await lock();
    const second = await sbcRequest(sim, "POST", `${V}/configuration/lock`, { token: other });
    assert.equal(second.status, 423);
    assert.equal(message(second.body), "Resource locked by another user");
    const foreign = await sbcRequest(sim, "POST", `${V}/configuration/configElements`, {
      token: other,
      body: recordXml({ name: "b" }),
    });
    assert.equal(foreign.status, 423);
    assert.equal(message(foreign.body), "Resource locked by another user");
    const foreignUnlock = await sbcRequest(sim, "POST", `${V}/configuration/unlock`, {
      token: other,
    });
    assert.equal(foreignUnlock.status, 423);
    assert.equal(message(foreignUnlock.body), "Resource locked by another user");
    await unlock();
    const audit = (await sim.action("oraclesbc", "audit")) as Record<string, unknown>;
    assert.deepEqual(
      [audit.locks, audit.lockDenied, audit.configCalls, audit.configDenied, audit.maxHolders],
      [1, 1, 0, 2, 1],
    );
  });

  it("re-authentication with the current token in a form field `token` keeps the lock", async () => {
    await lock();
    const creds = sim.credentials.oraclesbc;
    const res = await sbcRequest(sim, "POST", `${V}/auth/token`, {
      basic: `${creds.username}:${creds.password}`,
      body: `token=${encodeURIComponent(token)}`,
      contentType: "application/x-www-form-urlencoded",
    });
    const renewed = /<accessToken>([^<]+)<\/accessToken>/.exec(res.body)?.[1] as string;
    assert.notEqual(renewed, token);
    assert.equal((await createRecord({ name: "old-token" })).status, 423);
    await unlock(renewed);
  });

  it("a lock whose token expired is free again; holdLock {ms} releases by itself", async () => {
    await lock();
    sim.setClockOffset(700);
    try {
      const fresh = await sbcToken(sim);
      await lock(fresh);
      await unlock(fresh);
    } finally {
      sim.setClockOffset(0);
    }
    await sim.action("oraclesbc", "holdLock", { ms: 150 });
    const busy = await sbcRequest(sim, "POST", `${V}/configuration/lock`, { token });
    assert.equal(message(busy.body), "Resource locked by another user");
    await new Promise((r) => setTimeout(r, 200));
    await lock();
    await unlock();
  });

  it("certificate-record CRUD: defaults, read one/all, 409, PUT must exist, DELETE, template", async () => {
    await lock();
    try {
      const created = await createRecord({ name: "r1", "common-name": "a.example.com" });
      assert.equal(created.status, 200);
      assert.match(created.body, /<name>country<\/name><value>US<\/value>/);
      assert.match(
        created.body,
        /<name>key-usage-list<\/name><value>digitalSignature<\/value><value>keyEncipherment<\/value>/,
      );
      const again = await createRecord({ name: "r1" });
      assert.equal(again.status, 409);
      assert.equal(message(again.body), "Element instance already exists: certificate-record r1");
      const put = await sbcRequest(sim, "PUT", `${V}/configuration/configElements`, {
        token,
        body: recordXml({ name: "r1", locality: "Boston" }),
      });
      assert.match(put.body, /<name>locality<\/name><value>Boston<\/value>/);
      const putMissing = await sbcRequest(sim, "PUT", `${V}/configuration/configElements`, {
        token,
        body: recordXml({ name: "nope" }),
      });
      assert.equal(putMissing.status, 404);
      await createRecord({ name: "r2" });
      const all = await sbcRequest(
        sim,
        "GET",
        `${V}/configuration/configElements?elementType=certificate-record`,
        { token },
      );
      assert.equal(all.body.match(/<configElement>/g)?.length, 2);
      const one = await sbcRequest(
        sim,
        "GET",
        `${V}/configuration/configElements?elementType=certificate-record&name=r1`,
        { token },
      );
      assert.match(one.body, /<name>common-name<\/name><value>a\.example\.com<\/value>/);
      const del = await sbcRequest(
        sim,
        "DELETE",
        `${V}/configuration/configElements?elementType=certificate-record&name=r2`,
        { token },
      );
      assert.equal(del.status, 204);
      const gone = await sbcRequest(
        sim,
        "GET",
        `${V}/configuration/configElements?elementType=certificate-record&name=r2`,
        { token },
      );
      assert.equal(gone.status, 404);
      const template = await sbcRequest(
        sim,
        "GET",
        `${V}/configuration/elementTypes/template?elementType=certificate-record`,
        { token },
      );
      assert.match(template.body, /<name>key-size<\/name><value>2048<\/value>/);
    } finally {
      await unlock();
    }
  });

  for (const [attr, value, text] of [
    ["country", "USA", "Invalid value for attribute country: USA (2 letters)"],
    ["key-size", "3072", "Invalid value for attribute key-size: 3072 (1024, 2048 or 4096)"],
    ["key-algor", "dsa", "Invalid value for attribute key-algor: dsa (rsa or ecdsa)"],
    [
      "alternate-name",
      "DNS:a.example.com,URI:x",
      "Invalid value for attribute alternate-name: URI:x (IP:, DNS: or email: entries)",
    ],
    ["colour", "blue", "Invalid attribute name: colour"],
  ] as const) {
    it(`failing case: POST with ${attr}=${value} answers 400 and creates nothing`, async () => {
      await lock();
      try {
        const res = await createRecord({ name: "bad", [attr]: value });
        assert.equal(res.status, 400);
        assert.equal(message(res.body), text);
      } finally {
        await unlock();
      }
      const inv = sim.inventory().vendors.oraclesbc as { records: unknown[] };
      assert.deepEqual(inv.records, []);
    });
  }

  it("import: 404 before, wrong key 400, first import, 409 without overwrite, overwrite, pem/detail read", async () => {
    const ca = OpensslCa.create();
    await lock();
    try {
      await createRecord({ name: "tls", "common-name": "sbc.example.com", "key-algor": "ecdsa" });
      const gen = await sbcRequest(
        sim,
        "PUT",
        `${V}/configuration/certificates/generateRequest?recordName=tls`,
        { token },
      );
      const csr =
        /(-----BEGIN CERTIFICATE REQUEST-----[\s\S]+?-----END CERTIFICATE REQUEST-----)/.exec(
          gen.body,
        )?.[1] as string;
      assert.match(verifyCsr(csr).text, /ASN1 OID: prime256v1/);
      const before = await sbcRequest(
        sim,
        "GET",
        `${V}/configuration/certificates?recordName=tls&format=pem`,
        { token },
      );
      assert.equal(before.status, 404);
      const importXml = (pem: string, overwrite?: boolean) =>
        `<ImportCertificate><recordName>tls</recordName><format>x509</format>` +
        `<certificateRequest>${pem}</certificateRequest>` +
        (overwrite ? "<overwrite>true</overwrite>" : "") +
        `</ImportCertificate>`;
      const otherKey = newKeyAndCsr("/CN=other").csrPem;
      const wrong = await sbcRequest(sim, "PUT", `${V}/configuration/certificates/import`, {
        token,
        body: importXml(ca.sign(otherKey)),
      });
      assert.equal(wrong.status, 400);
      assert.equal(
        message(wrong.body),
        "Certificate does not match the private key of certificate-record tls",
      );
      const cert = ca.sign(csr);
      const first = await sbcRequest(sim, "PUT", `${V}/configuration/certificates/import`, {
        token,
        body: importXml(cert),
      });
      assert.equal(first.status, 200, first.body);
      const noOverwrite = await sbcRequest(sim, "PUT", `${V}/configuration/certificates/import`, {
        token,
        body: importXml(cert),
      });
      assert.equal(noOverwrite.status, 409);
      const renewed = ca.sign(csr, 60);
      const over = await sbcRequest(sim, "PUT", `${V}/configuration/certificates/import`, {
        token,
        body: importXml(renewed, true),
      });
      assert.equal(over.status, 200);
      const pem = await sbcRequest(
        sim,
        "GET",
        `${V}/configuration/certificates?recordName=tls&format=pem`,
        { token },
      );
      assert.equal(
        /<certificateRecord>([\s\S]*)<\/certificateRecord>/.exec(pem.body)?.[1],
        renewed.trim() + "\n",
      );
      const detail = await sbcRequest(
        sim,
        "GET",
        `${V}/configuration/certificates?recordName=tls&format=detail`,
        { token },
      );
      assert.match(
        detail.body,
        /Subject: C=US, ST=MA, L=Burlington, O=Engineering, CN=sbc\.example\.com\nIssuer: CN=SBC test CA\n/,
      );
    } finally {
      await unlock();
    }
  });

  it("save/verify/activate answer 202 with a link; asyncstatus reports inProgress then success", async () => {
    await sim.action("oraclesbc", "configure", { jobDurationMs: 300 });
    await lock();
    try {
      const save = await sbcRequest(sim, "PUT", `${V}/configuration/management?action=save`, {
        token,
      });
      assert.equal(save.status, 202);
      assert.match(save.body, /<links><link>\/rest\/v1\.2\/admin\/asyncstatus<\/link><\/links>/);
      const status = await sbcRequest(sim, "GET", `${V}/admin/asyncstatus`, { token });
      assert.match(status.body, /<operation>save<\/operation><status>inProgress<\/status>/);
      await new Promise((r) => setTimeout(r, 350));
      const done = await sbcRequest(sim, "GET", `${V}/admin/asyncstatus`, { token });
      assert.match(done.body, /<operation>save<\/operation><status>success<\/status>/);
      const activate = await sbcRequest(
        sim,
        "POST",
        `${V}/configuration/management?action=activate`,
        {
          token,
        },
      );
      assert.equal(activate.status, 202);
      const badPut = await sbcRequest(sim, "PUT", `${V}/configuration/management?action=activate`, {
        token,
      });
      assert.equal(badPut.status, 400);
    } finally {
      await unlock();
      await sim.action("oraclesbc", "configure", { jobDurationMs: 100 });
    }
  });

  it("configure synchronousActions: those actions answer 200 with their result and start no job", async () => {
    const settings = await sim.action("oraclesbc", "configure", {
      jobDurationMs: 20,
      synchronousActions: ["verify", "activate", "verify"],
    });
    assert.deepEqual((settings as { synchronousActions: string[] }).synchronousActions, [
      "verify",
      "activate",
    ]);
    const unlocked = await sbcRequest(sim, "PUT", `${V}/configuration/management?action=verify`, {
      token,
    });
    assert.equal(unlocked.status, 423, "the lock is still required for a synchronous action");
    await lock();
    try {
      const save = await sbcRequest(sim, "PUT", `${V}/configuration/management?action=save`, {
        token,
      });
      assert.equal(save.status, 202);
      const verify = await sbcRequest(sim, "PUT", `${V}/configuration/management?action=verify`, {
        token,
      });
      assert.equal(verify.status, 200);
      assert.match(
        verify.body,
        /<data><operationState><operation>verify<\/operation><status>success<\/status><\/operationState><\/data>/,
      );
      assert.doesNotMatch(verify.body, /<link>/);
      const activate = await sbcRequest(
        sim,
        "POST",
        `${V}/configuration/management?action=activate`,
        { token },
      );
      assert.equal(activate.status, 200);
      assert.match(activate.body, /<operation>activate<\/operation><status>success<\/status>/);
      // asyncstatus knows only the latest asynchronous job: still the save.
      const status = await sbcRequest(sim, "GET", `${V}/admin/asyncstatus`, { token });
      assert.match(status.body, /<operationState><operation>save<\/operation>/);
      assert.equal((sim.inventory().vendors.oraclesbc as { latestJob: string }).latestJob, "save");
    } finally {
      await unlock();
      await sim.action("oraclesbc", "configure", { jobDurationMs: 100, synchronousActions: [] });
    }
  });

  it("configure synchronousActions: [] (the default) makes every action asynchronous again", async () => {
    await sim.action("oraclesbc", "configure", { synchronousActions: ["save"] });
    const settings = (await sim.action("oraclesbc", "configure", { synchronousActions: [] })) as {
      synchronousActions: string[];
    };
    assert.deepEqual(settings.synchronousActions, []);
    await lock();
    try {
      const save = await sbcRequest(sim, "PUT", `${V}/configuration/management?action=save`, {
        token,
      });
      assert.equal(save.status, 202);
    } finally {
      await unlock();
    }
  });

  it("failing case: configure rejects synchronousActions that are not a list of save/verify/activate", async () => {
    for (const bad of ["verify", ["verify", "backup"], [1]]) {
      await assert.rejects(
        sim.action("oraclesbc", "configure", { synchronousActions: bad }),
        (err: Error) => {
          assert.match(
            err.message,
            /synchronousActions must be an array of "save", "verify", "activate"; got /,
          );
          return true;
        },
      );
    }
    const settings = (await sim.action("oraclesbc", "configure", {})) as {
      synchronousActions: string[];
    };
    assert.deepEqual(settings.synchronousActions, []);
  });
});
