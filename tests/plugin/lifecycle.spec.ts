/**
 * The native plugin through its front door (gRPC, as the engine speaks it) against the simulator:
 * GetSchema and GetPluginInfo, then check, create, diff, read and delete of `CertificateRequest` and
 * `pca.SignedCertificate`, with PCA reached through the provider configuration alone (Configure's
 * `pcaUrl`, `pcaToken`, `pcaCaCertPem`; no CERTPLANE_* variable in the plugin's environment), the
 * schema's secret outputs marked secret though nothing asked, no `__provider` anywhere, and a refused
 * validation right after signing recorded as a partial create. `npm run build` first.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ProviderCallError } from "../../testing/providerClient";
import { REPO_ROOT } from "../support/packageLink";
import { withSimulator } from "../support/withSimulator";
import { nativeRef, withPlugin } from "./support/withPlugin";
import { secret, secretKeysOf, type WireObject } from "../../testing/wire";
import { secretValue } from "./support/secretEnvelope";
import { certRequestSha256 } from "../../provider/pca/signedCertificateState";

const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")) as Record<string, unknown>;
const CSR = nativeRef("certplane:index:CertificateRequest", "nso-user");
const SIGNED = nativeRef("certplane:pca:SignedCertificate", "nso-user");
const ROLES = ["tenant-admin", "tenant-contributor", "ug_all_data_access"];

describe("native plugin: schema, CertificateRequest and pca.SignedCertificate over gRPC", function () {
  this.timeout(60_000);
  const sim = withSimulator({ vendors: ["pca"] });
  const plugin = withPlugin({
    config: () => ({
      pcaUrl: sim.env.CERTPLANE_PCA_URL,
      pcaToken: sim.env.CERTPLANE_PCA_TOKEN,
      pcaCaCertPem: sim.env.CERTPLANE_PCA_CA_CERT_PEM,
    }),
  });
  afterEach(() => sim.faults.clear());
  const issued = () => sim.inventory().vendors.pca.certificates as unknown[];
  let csr: { id: string; outputs: WireObject };
  let privateKeyPem: string;

  it("GetSchema answers schema/schema.json with the package version, as GetPluginInfo does", async () => {
    const { version } = readJson("package.json");
    assert.deepEqual(JSON.parse(await plugin.getSchema()), {
      ...readJson("schema/schema.json"),
      version,
    });
    assert.equal(await plugin.pluginVersion(), version);
  });

  it("CertificateRequest: check and create; the key is secret though no input was", async () => {
    const news = { algorithm: "ECDSA", ecdsaCurve: "P256", subject: { commonName: "nso-user" } };
    const checked = await plugin.client.check(CSR, {}, news);
    assert.deepEqual(checked.failures, []);
    assert.equal("__provider" in checked.inputs, false);
    csr = await plugin.client.create(CSR, checked.inputs);
    assert.deepEqual(secretKeysOf(csr.outputs), ["privateKeyPem"]);
    privateKeyPem = secretValue(csr.outputs.privateKeyPem, "privateKeyPem") as string;
    assert.match(privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(csr.id, csr.outputs.publicKeyFingerprintSha256);
    assert.match(csr.outputs.certRequestPem as string, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
    assert.equal("__provider" in csr.outputs, false);
  });

  it("CertificateRequest: read gives back the same outputs; diff of the same inputs is none", async () => {
    const read = await plugin.client.read(CSR, csr.id, csr.outputs, {});
    assert.equal(read.id, csr.id);
    assert.deepEqual(read.outputs, csr.outputs);
    const news = { algorithm: "ECDSA", ecdsaCurve: "P256", subject: { commonName: "nso-user" } };
    const { inputs } = await plugin.client.check(CSR, {}, news);
    const diff = await plugin.client.diff(CSR, csr.id, csr.outputs, inputs, inputs, []);
    assert.deepEqual(diff, { changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  let signed: { id: string; outputs: WireObject };
  const signedNews = (): WireObject => ({
    certRequestPem: csr.outputs.certRequestPem as string,
    requestedUsername: "nso-user",
    assignedRoles: ROLES,
    privateKeyPem: secret(privateKeyPem),
  });

  it("pca.SignedCertificate: check keeps the secret key secret and applies the defaults", async () => {
    const checked = await plugin.client.check(SIGNED, {}, signedNews());
    assert.deepEqual(checked.failures, []);
    assert.equal(secretValue(checked.inputs.privateKeyPem, "privateKeyPem"), privateKeyPem);
    assert.equal(checked.inputs.certDurationHours, 2160);
    assert.equal(checked.inputs.earlyRenewalHours, 0);
  });

  it("pca.SignedCertificate: create signs through the configured connection and validates", async () => {
    const before = issued().length;
    const { inputs } = await plugin.client.check(SIGNED, {}, signedNews());
    signed = await plugin.client.create(SIGNED, inputs);
    assert.equal(issued().length, before + 1);
    assert.equal(signed.id, signed.outputs.serialNumber);
    assert.equal(signed.outputs.validated, true);
    assert.equal(
      signed.outputs.subject,
      "CN=nso-user, OU=tenant-admin, OU=tenant-contributor, OU=ug_all_data_access",
    );
    // The key and the CSR are inputs only (issue 28): the outputs hold the CSR's fingerprint.
    assert.deepEqual(secretKeysOf(signed.outputs), []);
    assert.equal("privateKeyPem" in signed.outputs, false);
    assert.equal("certRequestPem" in signed.outputs, false);
    assert.equal(
      signed.outputs.certRequestSha256,
      certRequestSha256(csr.outputs.certRequestPem as string),
    );
    assert.equal("__provider" in signed.outputs, false);
    // The hooks return no fullChainPem; this door adds it from the schema's rule, as Python, Go
    // and YAML programs read it from state.
    assert.equal(signed.outputs.chainPem, "");
    assert.equal(signed.outputs.fullChainPem, signed.outputs.certificatePem);
  });

  it("pca.SignedCertificate: with a chain, fullChainPem is the certificate then the chain, in create, update and read", async () => {
    await sim.action("pca", "includeChain", { include: true });
    try {
      const { inputs } = await plugin.client.check(SIGNED, {}, signedNews());
      const chained = await plugin.client.create(SIGNED, inputs);
      const issuingCaPem = sim.inventory().vendors.pca.issuingCaCertPem as string;
      assert.equal((chained.outputs.chainPem as string).trim(), issuingCaPem.trim());
      const full =
        (chained.outputs.certificatePem as string) + (chained.outputs.chainPem as string);
      assert.equal(chained.outputs.fullChainPem, full);
      const news = { ...inputs, earlyRenewalHours: 24 };
      const updated = await plugin.client.update(
        SIGNED,
        chained.id,
        chained.outputs,
        news,
        inputs,
        [],
      );
      assert.equal(updated.fullChainPem, full);
      const read = await plugin.client.read(SIGNED, chained.id, updated, news);
      assert.equal(read.outputs.fullChainPem, full);
    } finally {
      await sim.action("pca", "includeChain", { include: false });
    }
  });

  it("pca.SignedCertificate: diff replaces on a new username, create before delete", async () => {
    const { inputs } = await plugin.client.check(SIGNED, {}, signedNews());
    const same = await plugin.client.diff(SIGNED, signed.id, signed.outputs, inputs, inputs, []);
    assert.deepEqual(same, { changes: "none", replaces: [], deleteBeforeReplace: false });
    const renamed = { ...inputs, requestedUsername: "nso-admin" };
    const changed = await plugin.client.diff(
      SIGNED,
      signed.id,
      signed.outputs,
      renamed,
      inputs,
      [],
    );
    assert.deepEqual(changed, {
      changes: "some",
      replaces: ["requestedUsername"],
      deleteBeforeReplace: false,
    });
  });

  it("pca.SignedCertificate: update in place takes a new earlyRenewalHours, signs nothing", async () => {
    const before = issued().length;
    const { inputs } = await plugin.client.check(SIGNED, {}, signedNews());
    const news = { ...inputs, earlyRenewalHours: 48 };
    const diff = await plugin.client.diff(SIGNED, signed.id, signed.outputs, news, inputs, []);
    assert.deepEqual(diff, { changes: "some", replaces: [], deleteBeforeReplace: false });
    const outputs = await plugin.client.update(SIGNED, signed.id, signed.outputs, news, inputs, []);
    assert.equal(issued().length, before);
    assert.deepEqual(outputs, { ...signed.outputs, earlyRenewalHours: 48 });
    signed = { id: signed.id, outputs };
  });

  it("pca.SignedCertificate: read re-validates with the stored inputs' key; delete forgets", async () => {
    const validations = () =>
      sim.countOf({
        vendor: "pca",
        method: "GET",
        path: "/api/v1/auth/cert/validate/authorization",
      });
    const before = validations();
    const keyless = await plugin.client.read(SIGNED, signed.id, signed.outputs, {});
    assert.equal(keyless.id, signed.id);
    assert.deepEqual(keyless.outputs, signed.outputs);
    assert.equal(validations(), before, "without the inputs there is no key to validate with");
    const { inputs } = await plugin.client.check(SIGNED, {}, signedNews());
    const read = await plugin.client.read(SIGNED, signed.id, signed.outputs, inputs);
    assert.equal(validations(), before + 1, "the engine's ReadRequest.inputs carry the key");
    assert.deepEqual(read.outputs, signed.outputs);
    assert.deepEqual(secretKeysOf(read.outputs), []);
    await plugin.client.delete(SIGNED, signed.id, signed.outputs, {});
  });

  it("a refused validation right after signing is a partial create, its key still secret", async () => {
    sim.faults.add({
      vendor: "pca",
      method: "GET",
      path: "/api/v1/auth/cert/validate/authorization",
      kind: "status",
      status: 403,
      body: { error: "forbidden", message: "role ug_all_data_access not allowed" },
    });
    const { inputs } = await plugin.client.check(SIGNED, {}, signedNews());
    const error = await plugin.client.create(SIGNED, inputs).then(
      () => assert.fail("create succeeded"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ProviderCallError, String(error));
    const failed = error.initFailure;
    assert.ok(failed, `no partial create recorded: ${error.message}`);
    assert.equal(failed.id, failed.properties.serialNumber);
    assert.equal("privateKeyPem" in failed.properties, false);
    assert.equal(failed.properties.validated, false);
    assert.equal("__provider" in failed.properties, false);
    assert.ok(failed.reasons.length > 0);
    assert.equal(error.message.includes(privateKeyPem.split("\n")[1]), false);
  });
});
