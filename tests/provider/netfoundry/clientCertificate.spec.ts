/**
 * netfoundry.ClientCertificate hooks against the simulator (seed 004): both create modes (each
 * outputting the certificate as certificatePem), diff and update (one PATCH for a rename, one PUT
 * for a new PEM), state written by 0.1.0 (certificate in `value`), drift on refresh, adoption, delete,
 * OAuth refresh on 401, 403 naming the Frontdoor, and a 500 on POST never retried.
 */
import { strict as assert } from "node:assert";
import { fixedClock, setClock } from "../../../provider/core/clock";
import { destroyAgents } from "../../../provider/core/tlsAgent";
import { makeKeyAndCsr } from "../../../provider/csr/certificateRequest";
import { parseCertificate, parseCsr } from "../../../provider/core/x509";
import {
  check,
  create,
  diff,
  read,
  remove,
  update,
  type ClientCertificateOutputs,
} from "../../../provider/netfoundry/clientCertificate";
import type { ClientCertificateInputs } from "../../../provider/netfoundry/clientCertificateInputs";
import { selfSignedCertificate } from "../../support/testCa";
import { pickEnv, whileEnv, withEnv } from "../../support/withEnv";
import { withSimulator } from "../../support/withSimulator";
import { failure } from "../../support/failure";

const ENV_KEYS = [
  "CERTPLANE_NETFOUNDRY_URL",
  "CERTPLANE_NETFOUNDRY_TOKEN",
  "CERTPLANE_NETFOUNDRY_FRONTDOOR_ID",
  "CERTPLANE_NETFOUNDRY_CA_CERT_PEM",
];

/** A fresh self-signed P-256 certificate to upload. */
const selfSigned = (cn: string): string => selfSignedCertificate(cn).certPem;

describe("netfoundry.ClientCertificate hooks against the simulator", () => {
  const sim = withSimulator({ vendors: ["netfoundry"] });
  withEnv(() => pickEnv(sim.env, ENV_KEYS));
  after(() => destroyAgents());
  let csrPem: string;

  before(async () => {
    csrPem = (
      await makeKeyAndCsr({
        algorithm: "ECDSA",
        ecdsaCurve: "P256",
        subject: { commonName: "service-mesh" },
      })
    ).certRequestPem;
  });
  afterEach(() => sim.faults.clear());

  const inputsWith = async (extra: Record<string, unknown>) => {
    const { inputs, failures } = await check({}, extra);
    assert.deepEqual(failures, []);
    return inputs as unknown as ClientCertificateInputs;
  };
  const count = (method: string, path = "/frontdoor/**") =>
    sim.countOf({ vendor: "netfoundry", method, path });
  const stored = () =>
    sim.inventory().vendors.netfoundry.certificates as { id: string; name: string }[];

  it("check: exactly one of certificatePem or certRequestPem; frontdoorId defaults from the environment", async () => {
    const both = await check(
      {},
      { name: "x", certificatePem: selfSigned("x"), certRequestPem: csrPem },
    );
    assert.deepEqual(
      both.failures.map((f) => f.property),
      ["certificatePem"],
    );
    assert.match(both.failures[0].reason, /certificatePem and certRequestPem are exclusive/);
    const neither = await check({}, { name: "x" });
    assert.match(neither.failures[0].reason, /exactly one of certificatePem .* or certRequestPem/);
    const inputs = await inputsWith({ name: "x", certRequestPem: csrPem });
    assert.equal(inputs.frontdoorId, sim.env.CERTPLANE_NETFOUNDRY_FRONTDOOR_ID);
    const wrongKind = await check({}, { name: "x", certificatePem: csrPem });
    assert.deepEqual(
      wrongKind.failures.map((f) => f.property),
      ["certificatePem"],
    );
  });

  it("create uploads a PEM, and has NetFoundry sign a CSR (issuer from seed 004, 365 days)", async () => {
    const pem = selfSigned("api-client-prod");
    const up = await create(
      (await inputsWith({ name: "api-client-prod", certificatePem: pem })) as never,
    );
    const uploaded = up.outs as ClientCertificateOutputs;
    assert.equal(uploaded.certificatePem?.trim(), pem.trim());
    assert.equal(uploaded.readyForRenewal, false);
    assert.equal("value" in uploaded, false);

    const signedInputs = await inputsWith({ name: "service-mesh-cert", certRequestPem: csrPem });
    const made = await create(signedInputs as never);
    const signed = made.outs as ClientCertificateOutputs;
    assert.equal(signed.issuer, "C=US, ST=NC, L=Charlotte, O=NetFoundry, CN=NetFoundry");
    assert.equal(signed.subject, "CN=service-mesh");
    // The issued certificate is certificatePem, as pca.SignedCertificate names it.
    const issued = parseCertificate(signed.certificatePem ?? "");
    assert.equal(issued.fingerprintSha256, signed.fingerprintSha256);
    assert.equal(issued.publicKeySha256, (await parseCsr(csrPem)).publicKeySha256);
    assert.equal("value" in signed, false);
    assert.equal(signed.certificateId, made.id);
    // The output the CSR-mode inputs lack is no change, and the inputs are what check returns.
    assert.deepEqual(await diff(made.id, signed, signedInputs), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const days = (Date.parse(signed.notAfter) - Date.now()) / 86_400_000;
    assert.ok(days > 364.9 && days <= 365, `${days} days`);
    await remove(up.id, uploaded);
    await remove(made.id, signed);
  });

  it("a rename is one PATCH, a new PEM one PUT; a CSR or Frontdoor change replaces; the window replaces", async () => {
    const inputs = await inputsWith({
      name: "rename-me",
      certificatePem: selfSigned("a"),
      earlyRenewalHours: 24,
    });
    const { id, outs } = await create(inputs as never);
    const olds = outs as ClientCertificateOutputs;
    assert.equal((await diff(id, olds, inputs)).changes, false);

    const renamed = { ...inputs, name: "renamed" };
    assert.deepEqual((await diff(id, olds, renamed)).replaces, []);
    const [patches, puts] = [count("PATCH"), count("PUT")];
    const afterRename = (await update(id, olds, renamed as never)).outs;
    assert.deepEqual([count("PATCH") - patches, count("PUT") - puts], [1, 0]);
    assert.equal(stored().find((c) => c.id === id)?.name, "renamed");

    const newPem = { ...renamed, certificatePem: selfSigned("b") };
    await update(id, afterRename, newPem as never);
    assert.deepEqual([count("PATCH") - patches, count("PUT") - puts], [1, 1]);

    assert.deepEqual(
      (await diff(id, olds, { ...inputs, frontdoorId: "3d6d2b6e-6c7a-4a7f-8c3d-9a9d2e1f0b1c" }))
        .replaces,
      ["frontdoorId"],
    );
    const signedInputs = await inputsWith({
      name: "signed",
      certRequestPem: csrPem,
      earlyRenewalHours: 24,
    });
    const signed = await create(signedInputs as never);
    const signedOlds = signed.outs as ClientCertificateOutputs;
    const otherCsr = (
      await makeKeyAndCsr({ algorithm: "ED25519", subject: { commonName: "other" } })
    ).certRequestPem;
    assert.deepEqual(
      (await diff(signed.id, signedOlds, { ...signedInputs, certRequestPem: otherCsr })).replaces,
      ["certRequestPem"],
    );
    const restore = setClock(fixedClock(Date.parse(signedOlds.notAfter) - 12 * 3_600_000));
    try {
      assert.deepEqual((await diff(signed.id, signedOlds, signedInputs)).replaces, ["notAfter"]);
      assert.deepEqual(
        (await diff(id, olds, inputs)).replaces,
        [],
        "an upload is not renewed by certplane",
      );
    } finally {
      restore();
    }
    await remove(id, olds);
    await remove(signed.id, signedOlds);
  });

  it("state written by 0.1.0 (the certificate in value) diffs without a replacement; the update only reads", async () => {
    const signedInputs = await inputsWith({ name: "old-signed", certRequestPem: csrPem });
    const signed = await create(signedInputs as never);
    const uploadInputs = await inputsWith({ name: "old-upload", certificatePem: selfSigned("u") });
    const upload = await create(uploadInputs as never);
    const outs = signed.outs as ClientCertificateOutputs;
    // As 0.1.0 wrote them: `value` holds the PEM; a signed certificate has no certificatePem.
    const { certificatePem: issuedPem, ...rest } = outs;
    const oldSigned = { ...rest, value: issuedPem } as unknown as ClientCertificateOutputs;
    const uploadOuts = upload.outs as ClientCertificateOutputs;
    const oldUpload = {
      ...uploadOuts,
      value: uploadOuts.certificatePem,
    } as unknown as ClientCertificateOutputs;

    assert.deepEqual(await diff(signed.id, oldSigned, signedInputs), {
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await diff(upload.id, oldUpload, uploadInputs), {
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const writes = () => ["POST", "PUT", "PATCH", "DELETE"].map((m) => count(m));
    const before = writes();
    const migrated = (await update(signed.id, oldSigned, signedInputs as never))
      .outs as ClientCertificateOutputs;
    assert.deepEqual(writes(), before, "the migration wrote to NetFoundry");
    assert.equal(migrated.certificatePem, issuedPem);
    assert.equal("value" in migrated, false);
    const refreshed = (await read(signed.id, oldSigned as never)).props as ClientCertificateOutputs;
    assert.equal(refreshed.certificatePem, issuedPem);
    assert.equal("value" in refreshed, false);
    assert.deepEqual((await diff(signed.id, migrated, signedInputs)).changes, false);
    const migratedUpload = (await update(upload.id, oldUpload, uploadInputs as never))
      .outs as ClientCertificateOutputs;
    assert.deepEqual(writes(), before, "the migration wrote to NetFoundry");
    assert.equal(migratedUpload.certificatePem, uploadOuts.certificatePem);
    assert.equal("value" in migratedUpload, false);
    assert.deepEqual((await diff(upload.id, migratedUpload, uploadInputs)).changes, false);

    // Switching modes still replaces; a new uploaded PEM is still an update.
    assert.deepEqual(
      (await diff(signed.id, migrated, { ...uploadInputs, name: "old-signed" })).replaces,
      ["certRequestPem", "certificatePem"],
    );
    assert.deepEqual(
      await diff(upload.id, uploadOuts, { ...uploadInputs, certificatePem: selfSigned("v") }),
      { changes: true, replaces: [], deleteBeforeReplace: false },
    );
    await remove(signed.id, migrated);
    await remove(upload.id, uploadOuts);
  });

  it("refresh shows a rename made in the console, and a deletion as gone; delete tolerates gone", async () => {
    const { id, outs } = await create(
      (await inputsWith({ name: "console-target", certificatePem: selfSigned("c") })) as never,
    );
    await sim.action("netfoundry", "rename", { id, name: "renamed-in-console" });
    const refreshed = await read(id, outs as never);
    assert.equal((refreshed.props as ClientCertificateOutputs).name, "renamed-in-console");
    await sim.action("netfoundry", "delete", { id });
    assert.deepEqual(await read(id, outs as never), {});
    await remove(id, outs as ClientCertificateOutputs);
  });

  it("adoptExisting takes a certificate of the same name instead of creating a duplicate", async () => {
    const first = await create(
      (await inputsWith({ name: "adopt-me", certRequestPem: csrPem })) as never,
    );
    const posts = count("POST");
    const adopted = await create(
      (await inputsWith({
        name: "adopt-me",
        certRequestPem: csrPem,
        adoptExisting: true,
      })) as never,
    );
    assert.equal(adopted.id, first.id);
    assert.equal(count("POST"), posts, "no POST when adopting");
    assert.equal(stored().filter((c) => c.name === "adopt-me").length, 1);
    await remove(first.id, first.outs as ClientCertificateOutputs);
  });

  it("OAuth: a token the server expired is refreshed once after the 401, and the call succeeds", async () => {
    const { clientId, clientSecret } = sim.credentials.netfoundry;
    const connection = {
      token: undefined,
      clientId,
      clientSecret,
      tokenUrl: `${sim.env.CERTPLANE_NETFOUNDRY_URL}/oauth/token`,
    };
    await whileEnv({ CERTPLANE_NETFOUNDRY_TOKEN: undefined }, async () => {
      try {
        const inputs = await inputsWith({
          name: "oauth",
          certificatePem: selfSigned("o"),
          connection,
        });
        const { id, outs } = await create(inputs as never);
        const mints = count("POST", "/oauth/token");
        sim.setClockOffset(7200); // the server now sees the cached token as expired
        const refreshed = await read(id, outs as never);
        assert.equal((refreshed.props as ClientCertificateOutputs).name, "oauth");
        assert.equal(count("POST", "/oauth/token") - mints, 1);
        sim.setClockOffset(0);
        await remove(id, outs as ClientCertificateOutputs);
      } finally {
        sim.setClockOffset(0);
      }
    });
  });

  it("a bad token names its source, never its value; 403 names the Frontdoor", async () => {
    const bad = await failure(
      create(
        (await inputsWith({
          name: "x",
          certRequestPem: csrPem,
          connection: { token: "not-the-token" },
        })) as never,
      ),
    );
    assert.match(bad.message, /HTTP 401/);
    assert.match(bad.message, /the token from (the )?resource argument connection\.token/);
    assert.equal(bad.message.includes("not-the-token"), false);
    const other = "3d6d2b6e-6c7a-4a7f-8c3d-9a9d2e1f0b1c";
    const forbidden = await failure(
      create(
        (await inputsWith({ name: "x", certRequestPem: csrPem, frontdoorId: other })) as never,
      ),
    );
    assert.match(
      forbidden.message,
      new RegExp(`Frontdoor ${other} does not exist or the credentials do not grant access`),
    );
  });

  it("a 500 on POST is not retried (create is not idempotent); a 503 on GET is", async () => {
    const [posts, before] = [count("POST"), stored().length];
    sim.faults.add({
      vendor: "netfoundry",
      method: "POST",
      path: "/frontdoor/**",
      kind: "status",
      status: 500,
      body: { error: "internal", message: "boom" },
    });
    const error = await failure(
      create((await inputsWith({ name: "five-hundred", certRequestPem: csrPem })) as never),
    );
    assert.match(error.message, /HTTP 500/);
    assert.equal(count("POST") - posts, 1);
    assert.equal(stored().length, before);

    const { id, outs } = await create(
      (await inputsWith({ name: "retry-get", certRequestPem: csrPem })) as never,
    );
    const gets = count("GET");
    sim.faults.add({
      vendor: "netfoundry",
      method: "GET",
      path: "/frontdoor/**",
      kind: "status",
      status: 503,
      body: { error: "unavailable", message: "busy" },
    });
    assert.equal(
      ((await read(id, outs as never)).props as ClientCertificateOutputs).name,
      "retry-get",
    );
    assert.equal(count("GET") - gets, 2);
    await remove(id, outs as ClientCertificateOutputs);
  });
});
