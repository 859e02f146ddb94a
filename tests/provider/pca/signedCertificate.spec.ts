/**
 * pca.SignedCertificate hooks against the simulator: check, create (signed, key-matched, validated
 * over mTLS), diff, read, update, and the failure paths of issue 4 — token source named on 401, 403,
 * 503 retried, timeout after send never re-POSTed, untrusted server CA, a refused validation as a
 * partial create.
 */
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import { setClock, fixedClock } from "../../../provider/core/clock";
import { setStackConfig } from "../../../provider/core/stackConfig";
import { PartialCreateError } from "../../../provider/core/errors";
import { destroyAgents } from "../../../provider/core/tlsAgent";
import { makeKeyAndCsr } from "../../../provider/csr/certificateRequest";
import {
  check,
  create,
  diff,
  read,
  update,
  type SignedCertificateOutputs,
} from "../../../provider/pca/signedCertificate";
import type { SignedCertificateInputs } from "../../../provider/pca/signedCertificateInputs";
import { pickEnv, whileEnv, withEnv } from "../../support/withEnv";
import { withSimulator } from "../../support/withSimulator";
import { failure } from "../../support/failure";

const ROLES = ["tenant-admin", "tenant-contributor", "ug_all_data_access"];
const ENV_KEYS = ["CERTPLANE_PCA_URL", "CERTPLANE_PCA_TOKEN", "CERTPLANE_PCA_CA_CERT_PEM"];

describe("pca.SignedCertificate hooks against the simulator", () => {
  const sim = withSimulator({ vendors: ["pca"] });
  withEnv(() => pickEnv(sim.env, ENV_KEYS));
  let csr: { certRequestPem: string; privateKeyPem: string };

  before(async () => {
    csr = await makeKeyAndCsr({
      algorithm: "ECDSA",
      ecdsaCurve: "P256",
      subject: { commonName: "nso-user" },
    });
  });
  after(() => destroyAgents());
  afterEach(() => sim.faults.clear());

  const inputsWith = async (extra: Record<string, unknown> = {}) => {
    const { inputs, failures } = await check(
      {},
      {
        certRequestPem: csr.certRequestPem,
        requestedUsername: "nso-user",
        assignedRoles: ROLES,
        ...extra,
      },
    );
    assert.deepEqual(failures, []);
    return inputs as unknown as SignedCertificateInputs;
  };
  const issuedCount = () => (sim.inventory().vendors.pca.certificates as unknown[]).length;
  const signCount = () =>
    sim.countOf({ vendor: "pca", method: "POST", path: "/distribution/sign-csr" });

  it("check normalizes defaults and rejects bad input naming the property", async () => {
    const inputs = await inputsWith();
    assert.equal(inputs.certDurationHours, 2160);
    assert.equal(inputs.earlyRenewalHours, 0);

    const other = crypto
      .generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const { failures } = await check(
      {},
      {
        certRequestPem:
          "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----",
        requestedUsername: "nso user",
        assignedRoles: ["tenant admin"],
        certDurationHours: 0,
        privateKeyPem: other,
      },
    );
    assert.deepEqual(
      failures.map((f) => f.property),
      ["certRequestPem", "requestedUsername", "assignedRoles[0]", "certDurationHours"],
    );
    const window = await check(
      {},
      {
        certRequestPem: csr.certRequestPem,
        requestedUsername: "u",
        certDurationHours: 24,
        earlyRenewalHours: 24,
      },
    );
    assert.deepEqual(window.failures, [
      {
        property: "earlyRenewalHours",
        reason: "earlyRenewalHours must be smaller than certDurationHours (24); got 24.",
      },
    ]);
    const mismatch = await check(
      {},
      { certRequestPem: csr.certRequestPem, requestedUsername: "u", privateKeyPem: other },
    );
    assert.deepEqual(mismatch.failures, [
      {
        property: "privateKeyPem",
        reason:
          "privateKeyPem is not the key of certRequestPem; give the key the CSR was made with.",
      },
    ]);
    assert.equal(JSON.stringify(mismatch.failures).includes("PRIVATE KEY"), false);
  });

  it("create signs for 2160 h with the roles, checks the key and validates over mTLS", async () => {
    const before = issuedCount();
    const { id, outs } = await create(
      (await inputsWith({ privateKeyPem: csr.privateKeyPem })) as never,
    );
    const o = outs as SignedCertificateOutputs;
    assert.equal(id, o.serialNumber);
    assert.equal(
      o.subject,
      "CN=nso-user, OU=tenant-admin, OU=tenant-contributor, OU=ug_all_data_access",
    );
    assert.equal(o.validated, true);
    assert.equal((Date.parse(o.notAfter) - Date.parse(o.notBefore)) / 3_600_000, 2160 + 1 / 60);
    assert.equal(o.readyForRenewal, false);
    assert.equal(issuedCount(), before + 1);
    assert.equal(
      new crypto.X509Certificate(o.certificatePem).checkPrivateKey(
        crypto.createPrivateKey(csr.privateKeyPem),
      ),
      true,
    );
  });

  it('a leaf-only answer gives chainPem "", and no fullChainPem (derived where it is read)', async () => {
    const { outs } = await create((await inputsWith()) as never);
    const o = outs as SignedCertificateOutputs;
    assert.equal(o.chainPem, "");
    assert.equal("fullChainPem" in o, false);
  });

  it("an answer with the issuer after the leaf: the leaf is the certificate, the issuer the chain", async () => {
    await sim.action("pca", "includeChain", { include: true });
    try {
      const { id, outs } = await create((await inputsWith()) as never);
      const o = outs as SignedCertificateOutputs;
      const issuingCaPem = sim.inventory().vendors.pca.issuingCaCertPem as string;
      const leaf = new crypto.X509Certificate(o.certificatePem);
      assert.equal(leaf.serialNumber, id);
      assert.equal(leaf.checkIssued(new crypto.X509Certificate(issuingCaPem)), true);
      assert.equal(o.chainPem.trim(), issuingCaPem.trim());
      assert.equal("fullChainPem" in o, false);
      // Refresh keeps the chain (PCA cannot be asked for it again).
      const refreshed = (await read(id, outs as never)).props as SignedCertificateOutputs;
      assert.equal(refreshed.chainPem, o.chainPem);
      assert.equal("fullChainPem" in refreshed, false);
    } finally {
      await sim.action("pca", "includeChain", { include: false });
    }
  });

  it("an answer whose certificates all certify another key is refused", async () => {
    await sim.action("pca", "includeChain", { include: true });
    const other = await makeKeyAndCsr({
      algorithm: "ECDSA",
      ecdsaCurve: "P256",
      subject: { commonName: "x" },
    });
    const { outs } = await create((await inputsWith()) as never);
    const { certificatePem, chainPem } = outs as SignedCertificateOutputs;
    const bundle = certificatePem + chainPem;
    await sim.action("pca", "includeChain", { include: false });
    sim.faults.add({
      vendor: "pca",
      method: "POST",
      path: "/distribution/sign-csr",
      kind: "malformed",
      body: bundle,
    });
    const error = await failure(
      create((await inputsWith({ certRequestPem: other.certRequestPem })) as never),
    );
    assert.match(
      error.message,
      /^PCA returned a certificate \(serial [0-9A-F]+\) whose public key is not the CSR's; refusing it\.$/,
    );
  });

  it("diff: roles or CSR replace; connection, earlyRenewalHours, privateKeyPem update; the window replaces", async () => {
    const inputs = await inputsWith();
    const { outs } = await create(inputs as never);
    const olds = outs as SignedCertificateOutputs;
    assert.deepEqual(await diff(olds.serialNumber, olds, inputs), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const roles = await diff(olds.serialNumber, olds, {
      ...inputs,
      assignedRoles: ["tenant-admin"],
    });
    assert.deepEqual(roles.replaces, ["assignedRoles"]);
    const conn = await diff(olds.serialNumber, olds, {
      ...inputs,
      connection: { token: "rotated" },
    });
    assert.deepEqual([conn.changes, conn.replaces], [true, []]);
    const restore = setClock(fixedClock(Date.parse(olds.notAfter) - 23 * 3_600_000));
    try {
      const window = await diff(olds.serialNumber, olds, { ...inputs, earlyRenewalHours: 24 });
      assert.deepEqual(window.replaces, ["notAfter"]);
      const outside = await diff(olds.serialNumber, olds, { ...inputs, earlyRenewalHours: 22 });
      assert.deepEqual(outside.replaces, []);
    } finally {
      restore();
    }
  });

  it("update rotates the connection without signing, and validates when the key is added", async () => {
    const inputs = await inputsWith();
    const { outs } = await create(inputs as never);
    const signs = signCount();
    const { outs: updated } = await update(
      (outs as SignedCertificateOutputs).serialNumber,
      outs as SignedCertificateOutputs,
      {
        ...inputs,
        privateKeyPem: csr.privateKeyPem,
        connection: { token: sim.env.CERTPLANE_PCA_TOKEN },
      },
    );
    assert.equal(signCount(), signs, "an update never calls sign-csr");
    assert.equal((updated as SignedCertificateOutputs).validated, true);
    assert.equal(
      (updated as SignedCertificateOutputs).certificatePem,
      (outs as SignedCertificateOutputs).certificatePem,
    );
  });

  it("read re-validates with the inputs' key: a certificate expired by the clock shows validated false", async () => {
    const inputs = await inputsWith({ privateKeyPem: csr.privateKeyPem, certDurationHours: 1 });
    const { outs } = await create(inputs as never);
    const o = outs as SignedCertificateOutputs;
    sim.setClockOffset(2 * 3600);
    try {
      // Without the inputs (the dynamic door's refresh) there is no key: `validated` stays.
      const keyless = await read(o.serialNumber, o as never);
      assert.deepEqual(keyless.props, o);
      const { props } = await read(o.serialNumber, o as never, inputs as never);
      assert.equal((props as SignedCertificateOutputs).validated, false);
      assert.equal(
        (props as SignedCertificateOutputs).validationMessage,
        "unauthorized: client certificate refused: expired",
      );
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("a refused validation right after signing is a partial create carrying the certificate", async () => {
    sim.faults.add({
      vendor: "pca",
      method: "GET",
      path: "/api/v1/auth/cert/validate/authorization",
      kind: "status",
      status: 403,
      body: { error: "forbidden", message: "role ug_all_data_access not allowed" },
    });
    const error = await failure(
      create((await inputsWith({ privateKeyPem: csr.privateKeyPem })) as never),
    );
    assert.ok(error instanceof PartialCreateError);
    assert.equal(error.id, (error.properties as { serialNumber: string }).serialNumber);
    assert.equal((error.properties as { validated: boolean }).validated, false);
    assert.match(error.reasons[0], /refused it \(forbidden: role ug_all_data_access not allowed\)/);
  });

  it("401 names where the token came from: the resource argument, then the environment", async () => {
    const fromArg = await failure(
      create((await inputsWith({ connection: { token: "wrong" } })) as never),
    );
    assert.match(fromArg.message, /HTTP 401/);
    assert.match(
      fromArg.message,
      /The PCA token was taken from (the )?resource argument connection\.token/,
    );
    assert.equal(fromArg.message.includes("wrong"), false, "the token itself is never shown");

    await whileEnv({ CERTPLANE_PCA_TOKEN: "also-wrong-token" }, async () => {
      const fromEnv = await failure(create((await inputsWith()) as never));
      assert.match(fromEnv.message, /taken from (the )?environment variable CERTPLANE_PCA_TOKEN/);
      assert.equal(fromEnv.message.includes("also-wrong-token"), false);
    });
  });

  it("401 from stack config names the config key", () =>
    whileEnv({ CERTPLANE_PCA_TOKEN: undefined }, async () => {
      setStackConfig({ "certplane:pcaToken": "config-token-value" });
      try {
        const error = await failure(create((await inputsWith()) as never));
        assert.match(error.message, /taken from (the )?stack config (key )?certplane:pcaToken/);
        assert.equal(error.message.includes("config-token-value"), false);
      } finally {
        setStackConfig(undefined);
      }
    }));

  it("400 from PCA (a CSR it refuses) carries PCA's code and message", async () => {
    sim.faults.add({
      vendor: "pca",
      method: "POST",
      path: "/distribution/sign-csr",
      kind: "status",
      status: 400,
      body: { error: "invalid_csr", message: "key too small" },
    });
    const error = await failure(create((await inputsWith()) as never));
    assert.match(error.message, /HTTP 400/);
    assert.match(error.message, /invalid_csr/);
    assert.match(error.message, /key too small/);
  });

  it("403 for a token without the role, with PCA's code", async () => {
    const error = await failure(
      create(
        (await inputsWith({ connection: { token: sim.credentials.pca.readOnlyToken } })) as never,
      ),
    );
    assert.match(error.message, /HTTP 403/);
    assert.match(error.message, /forbidden/);
  });

  it("503 with Retry-After is waited out and retried; it succeeds with one certificate", async () => {
    const [issued, signs] = [issuedCount(), signCount()];
    const started = Date.now();
    sim.faults.add({
      headers: { "Retry-After": "1" },
      vendor: "pca",
      method: "POST",
      path: "/distribution/sign-csr",
      kind: "status",
      status: 503,
      body: { error: "unavailable", message: "busy" },
    });
    await create((await inputsWith()) as never);
    assert.ok(Date.now() - started >= 1000, "Retry-After: 1 was not honoured");
    assert.equal(signCount(), signs + 2);
    assert.equal(issuedCount(), issued + 1);
  });

  it("a timeout after sending is never re-POSTed: one certificate exists, the error says so", async () => {
    const [issued, signs] = [issuedCount(), signCount()];
    sim.faults.add({
      vendor: "pca",
      method: "POST",
      path: "/distribution/sign-csr",
      kind: "delay",
      ms: 3000,
      when: "after",
    });
    const error = await failure(
      create((await inputsWith({ connection: { timeoutSeconds: 1 } })) as never),
    );
    assert.match(
      error.message,
      /not retried after the request may have reached PCA: a certificate may have been issued/,
    );
    assert.equal(signCount(), signs + 1);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(
      issuedCount(),
      issued + 1,
      "exactly the one certificate the delayed request issued",
    );
  });

  it("an untrusted server certificate says how to set caCertPem", () =>
    whileEnv({ CERTPLANE_PCA_CA_CERT_PEM: undefined }, async () => {
      destroyAgents();
      try {
        const error = await failure(create((await inputsWith()) as never));
        assert.match(error.message, /caCertPem/);
        assert.match(error.message, /CERTPLANE_PCA_CA_CERT_PEM/);
      } finally {
        destroyAgents();
      }
    }));
});
