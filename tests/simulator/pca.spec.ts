/**
 * The PCA simulator against seed 000's own command lines (placeholders substituted, `--cacert`
 * instead of `-k`) and each documented error path; Zitadel PATs accepted by sign-csr.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { selfSignedCertificate } from "../support/testCa";
import { withScratchDir } from "../support/withScratchDir";
import { withSimulator } from "../support/withSimulator";
import { command, request } from "../support/request";

const SIGN_QUERY =
  "certduration=2160&format=pem&requestedUsername=nso-user&assignedRoles=tenant-admin,tenant-contributor,ug_all_data_access";

describe("simulator: Cisco PCA (seed 000)", () => {
  const sim = withSimulator({ vendors: ["pca", "zitadel"] });
  const { file } = withScratchDir("certplane-sim-pca-");

  before(async () => {
    fs.writeFileSync(file("ca.pem"), sim.caCertPem);
    // Seed 000 step 1, as written.
    await command("openssl", [
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      file("client.key"),
      "-out",
      file("client.csr"),
      "-subj",
      "/CN=nso-user",
    ]);
  });
  afterEach(() => sim.faults.clear());

  const signWithCurl = (token: string, out: string) =>
    command("curl", [
      "-s",
      "-w",
      "%{http_code}",
      "--cacert",
      file("ca.pem"),
      "-X",
      "POST",
      `${sim.env.CERTPLANE_PCA_URL}/distribution/sign-csr?${SIGN_QUERY}`,
      "-H",
      `Authorization: Bearer ${token}`,
      "-H",
      "Content-Type: application/octet-stream",
      "--data-binary",
      `@${file("client.csr")}`,
      "-o",
      out,
    ]);

  const sign = (headers: Record<string, string>, query = SIGN_QUERY, body?: string) =>
    request(`${sim.env.CERTPLANE_PCA_URL}/distribution/sign-csr?${query}`, {
      method: "POST",
      ca: sim.caCertPem,
      headers: { "Content-Type": "application/octet-stream", ...headers },
      body: body ?? fs.readFileSync(file("client.csr")),
    });

  it("seed 000 steps 2-4: sign for 2160 hours with the roles, inspect, validate over mTLS", async () => {
    assert.equal(await signWithCurl(sim.env.CERTPLANE_PCA_TOKEN, file("client.pem")), "200");

    const details = await command("openssl", [
      "x509",
      "-in",
      file("client.pem"),
      "-noout",
      "-subject",
      "-issuer",
      "-dates",
    ]);
    assert.match(
      details,
      /^subject=CN = nso-user, OU = tenant-admin, OU = tenant-contributor, OU = ug_all_data_access$/m,
    );
    assert.match(
      details,
      /^issuer=CN = certplane simulator PCA client CA, O = certplane simulator$/m,
    );
    const issued = (
      sim.inventory().vendors.pca.certificates as { notBefore: string; notAfter: string }[]
    )[0];
    const hours = (Date.parse(issued.notAfter) - Date.parse(issued.notBefore)) / 3_600_000;
    assert.equal(
      Math.round(hours * 60) / 60,
      2160 + 1 / 60,
      "2160 h from now, backdated one minute",
    );

    const inventoryCa = sim.inventory().vendors.pca.issuingCaCertPem as string;
    fs.writeFileSync(file("issuing.pem"), inventoryCa);
    const verified = await command("openssl", [
      "verify",
      "-CAfile",
      file("issuing.pem"),
      file("client.pem"),
    ]);
    assert.equal(verified.trim(), `${file("client.pem")}: OK`);

    const validate = await command("curl", [
      "-s",
      "-w",
      " %{http_code}",
      "--cacert",
      file("ca.pem"),
      "--cert",
      file("client.pem"),
      "--key",
      file("client.key"),
      `${sim.env.CERTPLANE_PCA_URL}/api/v1/auth/cert/validate/authorization`,
    ]);
    const [body, status] = [validate.slice(0, validate.lastIndexOf(" ")), validate.slice(-3)];
    assert.equal(status, "200");
    assert.deepEqual(JSON.parse(body), {
      status: "authorized",
      username: "nso-user",
      roles: ["tenant-admin", "tenant-contributor", "ug_all_data_access"],
      serialNumber: (sim.inventory().vendors.pca.certificates as { serialNumber: string }[])[0]
        .serialNumber,
    });
  });

  it("refuses sign-csr without a token (401), with a bad one (401) and a read-only one (403)", async () => {
    const none = await sign({});
    assert.equal(none.status, 401);
    assert.deepEqual(JSON.parse(none.body), { error: "unauthorized", message: "no Bearer token" });
    const bad = await sign({ Authorization: "Bearer not-a-token" });
    assert.equal(bad.status, 401);
    assert.deepEqual(JSON.parse(bad.body), {
      error: "unauthorized",
      message: "the token is invalid or expired",
    });
    const readOnly = await sign({ Authorization: `Bearer ${sim.credentials.pca.readOnlyToken}` });
    assert.equal(readOnly.status, 403);
    assert.equal(JSON.parse(readOnly.body).error, "forbidden");
  });

  it("rejects a bad CSR, certduration, format and Content-Type with 400/415, issuing nothing", async () => {
    const before = (sim.inventory().vendors.pca.certificates as unknown[]).length;
    const auth = { Authorization: `Bearer ${sim.env.CERTPLANE_PCA_TOKEN}` };
    const cases: [Promise<{ status: number; body: string }>, number, string][] = [
      [sign(auth, SIGN_QUERY, "not a csr"), 400, "invalid_csr"],
      [sign(auth, SIGN_QUERY.replace("2160", "0")), 400, "invalid_certduration"],
      [sign(auth, SIGN_QUERY.replace("2160", "12.5")), 400, "invalid_certduration"],
      [sign(auth, SIGN_QUERY.replace("format=pem", "format=der")), 400, "invalid_format"],
      [
        sign(auth, SIGN_QUERY.replace("requestedUsername=nso-user", "requestedUsername=")),
        400,
        "invalid_username",
      ],
      [sign({ ...auth, "Content-Type": "application/json" }), 415, "unsupported_media_type"],
    ];
    for (const [pending, status, error] of cases) {
      const answer = await pending;
      assert.equal(answer.status, status, answer.body);
      assert.equal(JSON.parse(answer.body).error, error);
    }
    assert.equal((sim.inventory().vendors.pca.certificates as unknown[]).length, before);
  });

  it("includeChain: sign-csr answers leaf then issuing CA; the action refuses a non-boolean", async () => {
    await sim.action("pca", "includeChain", { include: true });
    try {
      const answer = await sign({ Authorization: `Bearer ${sim.env.CERTPLANE_PCA_TOKEN}` });
      assert.equal(answer.status, 200, answer.body);
      const blocks = answer.body.match(
        /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n/g,
      );
      const issuingCaPem = sim.inventory().vendors.pca.issuingCaCertPem as string;
      assert.equal(blocks?.length, 2);
      assert.equal(blocks[1].trim(), issuingCaPem.trim());
    } finally {
      await sim.action("pca", "includeChain", { include: false });
    }
    await assert.rejects(sim.action("pca", "includeChain", { include: "yes" }), {
      message: 'include must be true or false; got "yes"',
    });
  });

  it("accepts a PAT from the simulator's Zitadel until its expirationDate (simulator clock)", async () => {
    const zitadel = sim.env.CERTPLANE_ZITADEL_URL;
    const userId = sim.credentials.zitadel.machineUserId;
    const expiry = new Date(sim.now().getTime() + 3_600_000).toISOString();
    const created = await request(`${zitadel}/management/v1/users/${userId}/pats`, {
      method: "POST",
      ca: sim.caCertPem,
      headers: {
        Authorization: `Bearer ${sim.env.CERTPLANE_ZITADEL_TOKEN}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ expirationDate: expiry }),
    });
    const pat = (JSON.parse(created.body) as { token: string }).token;

    assert.equal((await sign({ Authorization: `Bearer ${pat}` })).status, 200);
    sim.setClockOffset(7200);
    try {
      assert.equal((await sign({ Authorization: `Bearer ${pat}` })).status, 401);
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("validate refuses no certificate, a foreign one, and one expired by the simulator clock", async () => {
    const url = `${sim.env.CERTPLANE_PCA_URL}/api/v1/auth/cert/validate/authorization`;
    const none = await request(url, { ca: sim.caCertPem });
    assert.equal(none.status, 401);
    assert.equal(JSON.parse(none.body).message, "client certificate refused: missing");

    const self = selfSignedCertificate("nso-user", 1);
    const foreign = await request(url, {
      ca: sim.caCertPem,
      cert: self.certPem,
      key: self.keyPem,
    });
    assert.equal(JSON.parse(foreign.body).message, "client certificate refused: untrusted");

    const mine = {
      ca: sim.caCertPem,
      cert: fs.readFileSync(file("client.pem"), "utf8"),
      key: fs.readFileSync(file("client.key"), "utf8"),
    };
    sim.setClockOffset(2161 * 3600);
    try {
      const expired = await request(url, mine);
      assert.equal(expired.status, 401);
      assert.equal(JSON.parse(expired.body).message, "client certificate refused: expired");
    } finally {
      sim.setClockOffset(0);
    }
  });
});
