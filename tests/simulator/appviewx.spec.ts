/**
 * The AppViewX simulator against seed 002: the curl sample (with --cert/--key/--cacert) as written,
 * `ssh-keygen -L` on every issued certificate, each error code of Table 4 triggered by its condition,
 * and revocation through /avxapi/login + /avxapi/ssh/cert/revoke.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import sshpk from "sshpk";
import { withScratchDir } from "../support/withScratchDir";
import { withSimulator } from "../support/withSimulator";
import { command, request, type Answer } from "../support/request";
import { appviewxLoginRequest } from "../support/sessions";

const newPublicKey = () => sshpk.generatePrivateKey("ed25519").toPublic().toString("ssh");

describe("simulator: AppViewX CERT+ SSH enroll over mTLS (seed 002)", () => {
  const sim = withSimulator({ vendors: ["appviewx"] });
  const { file } = withScratchDir("certplane-sim-avx-");
  let url: string;
  let client: { cert: string; key: string };

  before(async () => {
    url = sim.env.CERTPLANE_APPVIEWX_URL;
    client = {
      cert: sim.env.CERTPLANE_APPVIEWX_CLIENT_CERTIFICATE_PEM,
      key: sim.env.CERTPLANE_APPVIEWX_CLIENT_PRIVATE_KEY_PEM,
    };
    fs.writeFileSync(file("ca.pem"), sim.caCertPem);
    fs.writeFileSync(file("client.crt"), client.cert);
    fs.writeFileSync(file("client.key"), client.key, { mode: 0o600 });
  });

  const body = (extra: Record<string, unknown> = {}) => ({
    publicKey: newPublicKey(),
    validityValue: 1,
    validityUnit: "days",
    certificateIdentity: "admin",
    caName: "testVendor.user.ca",
    principals: ["admin"],
    certType: "User",
    ...extra,
  });
  const enroll = (payload: unknown, tls: { cert?: string; key?: string } = client) =>
    request(`${url}/ssh/cert/enroll?gwsource=external`, {
      method: "POST",
      ca: sim.caCertPem,
      cert: tls.cert,
      key: tls.key,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  const code = (answer: Answer) => [
    answer.status,
    (JSON.parse(answer.body) as { appStatusCode: string }).appStatusCode,
  ];

  it("the seed's curl sample works as written and ssh-keygen -L shows key id, principals and validity", async () => {
    const payload = {
      ...body(),
      validityValue: 1,
      validityUnit: "months",
      certificateIdentity: "admin",
      caName: "testVendor.user.ca",
      principals: ["admin"],
    };
    const out = await command("curl", [
      "-s",
      "--cacert",
      file("ca.pem"),
      "--cert",
      file("client.crt"),
      "--key",
      file("client.key"),
      "--location",
      `${url}/ssh/cert/enroll?gwsource=External`,
      "--header",
      "Content-Type: application/json",
      "--data-raw",
      JSON.stringify(payload),
    ]);
    const answer = JSON.parse(out) as {
      response: Record<string, unknown>;
      message: string;
      appStatusCode: string;
    };
    assert.deepEqual([answer.message, answer.appStatusCode], ["Success", "SSH-NB-200"]);
    const r = answer.response;
    assert.deepEqual(Object.keys(r).sort(), [
      "caName",
      "certContent",
      "certStatus",
      "certType",
      "extensions",
      "fingerPrint",
      "keyId",
      "principals",
      "rawCertType",
      "rawFPString",
      "serialNumber",
      "signingCA",
      "validFrom",
      "validTo",
      "validity",
      "validityUnit",
    ]);
    assert.deepEqual(
      [r.caName, r.certStatus, r.certType, r.keyId, r.validity, r.validityUnit],
      ["testVendor.user.ca", "Active", "User", "admin", 1, "months"],
    );
    assert.equal((r.validTo as number) - (r.validFrom as number), 30 * 86_400_000);
    fs.writeFileSync(file("user-cert.pub"), `${r.certContent as string}\n`);
    const listed = await command("ssh-keygen", ["-L", "-f", file("user-cert.pub")]);
    assert.match(listed, /Type: ssh-ed25519-cert-v01@openssh\.com user certificate/);
    assert.match(listed, /Key ID: "admin"/);
    assert.match(listed, new RegExp(`Serial: ${r.serialNumber as string}\\n`));
    assert.match(listed, /Principals: \n\s+admin\n/);
    const from = new Date(r.validFrom as number).toISOString().slice(0, 16);
    assert.match(listed, new RegExp(`Valid: from ${from}`));
  });

  it("signs host certificates with a CA that may, and refuses one that may not (ERR-SSH_NB-263)", async () => {
    const host = await enroll(
      body({ caName: "avx-host-ca", certType: "Host", principals: ["web1.example.com"] }),
    );
    assert.equal(host.status, 200);
    fs.writeFileSync(
      file("host-cert.pub"),
      `${(JSON.parse(host.body) as { response: { certContent: string } }).response.certContent}\n`,
    );
    assert.match(
      await command("ssh-keygen", ["-L", "-f", file("host-cert.pub")]),
      /host certificate/,
    );
    assert.deepEqual(code(await enroll(body({ caName: "testVendor.user.ca", certType: "Host" }))), [
      400,
      "ERR-SSH_NB-263",
    ]);
  });

  it("answers each mTLS error code of Table 4", async () => {
    assert.deepEqual(code(await enroll(body(), {})), [401, "ERR-SSH-NB-458"]);
    const untrusted = (await sim.action("appviewx", "clientCertificate", {
      kind: "untrusted",
    })) as { certificatePem: string; privateKeyPem: string };
    assert.deepEqual(
      code(await enroll(body(), { cert: untrusted.certificatePem, key: untrusted.privateKeyPem })),
      [403, "ERR-SSH-NB-459"],
    );
    const expired = (await sim.action("appviewx", "clientCertificate", { kind: "expired" })) as {
      certificatePem: string;
      privateKeyPem: string;
    };
    assert.deepEqual(
      code(await enroll(body(), { cert: expired.certificatePem, key: expired.privateKeyPem })),
      [403, "ERR-SSH-NB-463"],
    );
    sim.setClockOffset(11 * 365 * 86_400);
    try {
      assert.deepEqual(code(await enroll(body())), [403, "ERR-SSH-NB-460"]);
    } finally {
      sim.setClockOffset(0);
    }
    await sim.action("appviewx", "configure", { issuersConfigured: false });
    assert.deepEqual(code(await enroll(body())), [403, "ERR-SSH-NB-462"]);
    await sim.action("appviewx", "configure", { issuersConfigured: true, mtlsEnabled: false });
    assert.deepEqual(code(await enroll(body())), [403, "ERR-SSH-NB-464"]);
    await sim.action("appviewx", "configure", { mtlsEnabled: true });
  });

  it("answers each request error code of Table 4", async () => {
    assert.deepEqual(code(await enroll(body({ caName: "no-such-ca" }))), [404, "ERR-SSH-NB-350"]);
    assert.deepEqual(code(await enroll(body({ caName: "retired-user-ca" }))), [
      400,
      "ERR-SSH_NB-267",
    ]);
    assert.deepEqual(code(await enroll(body({ validityValue: 0 }))), [400, "ERR-SSH_NB-269"]);
    assert.deepEqual(
      code(
        await enroll(
          body({ caName: "short-lived-user-ca", validityValue: 2, validityUnit: "months" }),
        ),
      ),
      [400, "ERR-SSH_NB-264"],
    );
    const now = sim.now().getTime();
    assert.deepEqual(
      code(await enroll(body({ validFrom: now + 7_200_000, validTo: now + 3_600_000 }))),
      [400, "ERR-SSH_NB-266"],
    );
    assert.deepEqual(
      code(await enroll(body({ validFrom: now - 7_200_000, validTo: now - 3_600_000 }))),
      [400, "ERR-SSH_NB-273"],
    );
    const key = newPublicKey();
    assert.equal((await enroll(body({ publicKey: key }))).status, 200);
    assert.deepEqual(code(await enroll(body({ publicKey: key }))), [400, "ERR-SSH_NB-268"]);
    const badUnit = await enroll(body({ validityUnit: "fortnights" }));
    assert.deepEqual(code(badUnit), [400, "ERR-SSH-NB-400"]);
    assert.match(
      JSON.parse(badUnit.body).message,
      /validityUnit must be one of minutes, hours, days, weeks, months, years/,
    );
  });

  it("revocation: login with username/password headers, revoke by serial; the key can then be enrolled again", async () => {
    const key = newPublicKey();
    const first = JSON.parse((await enroll(body({ publicKey: key }))).body) as {
      response: { serialNumber: string };
    };
    const loggedIn = await appviewxLoginRequest(sim);
    const sessionId = (JSON.parse(loggedIn.body) as { response: { sessionId: string } }).response
      .sessionId;
    const revokeOnce = () =>
      request(`${url}/avxapi/ssh/cert/revoke?gwsource=external`, {
        method: "POST",
        ca: sim.caCertPem,
        headers: { sessionId, "Content-Type": "application/json" },
        body: JSON.stringify({
          caName: ["testVendor.user.ca"],
          groupName: "default",
          serialNumber: first.response.serialNumber,
          reason: "superseded",
        }),
      });
    assert.deepEqual(code(await revokeOnce()), [200, "SSH-NB-200"]);
    assert.equal((await revokeOnce()).status, 400, "only an Active certificate can be revoked");
    assert.equal(
      (await enroll(body({ publicKey: key }))).status,
      200,
      "a revoked certificate no longer blocks the key",
    );
    const wrong = await request(`${url}/avxapi/login?gwsource=external`, {
      method: "POST",
      ca: sim.caCertPem,
      headers: { username: "x", password: "y" },
      body: "{}",
    });
    assert.deepEqual(code(wrong), [401, "AVX_GW_003"]);
  });
});
