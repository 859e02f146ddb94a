// CertificateImport hooks against the Oracle SBC simulator: check refuses anything but PEM
// certificates (without echoing a key), import + read-back with fingerprint and expiry, no-op diff,
// renewal = import with overwrite (update in place), drift on refresh, and the failing imports
// (certificate for another key, missing record). After every test the device holds no lock.
import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import * as records from "../../../provider/oraclesbc/certificateRecord";
import * as hooks from "../../../provider/oraclesbc/certificateImport";
import type { CertificateImportInputs } from "../../../provider/oraclesbc/certificateImportInputs";
import { parseCertificate } from "../../../provider/core/x509";
import { newKeyAndCsr, openssl, tempFile } from "../../support/openssl";
import { sbcConnection, withSbcAudit } from "../../support/oraclesbc";
import { OpensslCa } from "../../support/testCa";
import { withSimulator } from "../../support/withSimulator";

describe("oraclesbc.CertificateImport hooks", function () {
  const sim = withSimulator({ vendors: ["oraclesbc"] });
  let connection: Record<string, unknown>;
  let ca: OpensslCa;

  before(() => (ca = OpensslCa.create()));
  beforeEach(async () => {
    await sim.reset();
    await sim.action("oraclesbc", "configure", { jobDurationMs: 20 });
    connection = { ...sbcConnection(sim), lockTimeoutSeconds: 5 };
  });
  withSbcAudit(sim, { releaseLeftLock: true });

  async function record(name: string): Promise<string> {
    const checked = await records.check(
      {},
      { name, commonName: `${name}.example.com`, connection },
    );
    const { outs } = await records.create(checked.inputs);
    return outs.certRequestPem;
  }
  async function importInputs(raw: Record<string, unknown>): Promise<CertificateImportInputs> {
    const res = await hooks.check({}, { connection, ...raw });
    assert.deepEqual(res.failures, []);
    return res.inputs as unknown as CertificateImportInputs;
  }

  it("failing cases: check refuses a CSR, a private key (never echoed) and non-PEM text", async () => {
    const key = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const csr = openssl(["req", "-new", "-key", tempFile("k.pem", key), "-subj", "/CN=x"]);
    const res = await hooks.check({}, { recordName: "r", certificatePem: key, chainPem: csr });
    assert.deepEqual(res.failures, [
      {
        property: "certificatePem",
        reason:
          'certificatePem must hold only PEM certificates ("-----BEGIN CERTIFICATE-----"); got a block ' +
          `labelled "PRIVATE KEY". Pass the certificate the CA issued for the record's CSR.`,
      },
      {
        property: "chainPem",
        reason:
          'chainPem must hold only PEM certificates ("-----BEGIN CERTIFICATE-----"); got a block ' +
          `labelled "CERTIFICATE REQUEST". Pass the certificate the CA issued for the record's CSR.`,
      },
    ]);
    // Never echoed in a reason; the answer's inputs keep what the engine sent (core/checkHook.ts).
    assert.doesNotMatch(JSON.stringify(res.failures), /MI[GI]/);
    assert.equal(res.inputs.certificatePem, key);
    const text = await hooks.check({}, { recordName: "r", certificatePem: "hello" });
    assert.equal(
      text.failures[0].reason,
      'certificatePem must hold only PEM certificates ("-----BEGIN CERTIFICATE-----"); got text ' +
        "without a PEM block. Pass the certificate the CA issued for the record's CSR.",
    );
  });

  it("create imports and reads back; same certificate is no change; a renewed one updates with overwrite", async () => {
    const csr = await record("tls");
    const first = ca.sign(csr, 30);
    const inputs = await importInputs({
      recordName: "tls",
      certificatePem: first,
      chainPem: ca.certPem,
    });
    const { id, outs } = await hooks.create(inputs as unknown as Record<string, unknown>);
    const info = parseCertificate(first);
    assert.equal(id, "tls");
    assert.equal(outs.certificatePem, info.pem.trim() + "\n");
    assert.equal(outs.fingerprintSha256, info.fingerprintSha256);
    assert.equal(outs.notAfter, info.notAfter.toISOString().replace(/\.000Z$/, "Z"));
    assert.deepEqual(await hooks.diff("tls", outs, inputs), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const renewed = ca.sign(csr, 90);
    const next = await importInputs({
      recordName: "tls",
      certificatePem: renewed,
      chainPem: ca.certPem,
    });
    assert.deepEqual(await hooks.diff("tls", outs, next), {
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual((await hooks.diff("tls", outs, { ...next, recordName: "other" })).replaces, [
      "recordName",
    ]);
    const updated = await hooks.update("tls", outs, next as unknown as Record<string, unknown>);
    assert.equal(updated.outs.fingerprintSha256, parseCertificate(renewed).fingerprintSha256);
    // Refresh with the old state sees the device's (renewed) certificate: drift shows.
    const seen = await hooks.read("tls", outs as unknown as Record<string, unknown>);
    assert.equal(
      (seen.props as { fingerprintSha256: string }).fingerprintSha256,
      updated.outs.fingerprintSha256,
    );
    await hooks.delete();
    const inv = sim.inventory().vendors.oraclesbc as { records: { hasCertificate: boolean }[] };
    assert.equal(inv.records[0].hasCertificate, true, "delete forgets; the certificate stays");
  });

  it("failing case: a certificate for another key is a clear error, nothing imported", async () => {
    await record("mine");
    const otherCsr = newKeyAndCsr("/CN=other").csrPem;
    const inputs = await importInputs({ recordName: "mine", certificatePem: ca.sign(otherCsr) });
    await assert.rejects(hooks.create(inputs as unknown as Record<string, unknown>), {
      message:
        'certificatePem was not issued for the key of Oracle SBC certificate-record "mine" (the ' +
        'device answered 400 "Certificate does not match the private key of certificate-record ' +
        "mine\"). The key lives on the device: sign that record's certRequestPem and import the " +
        "certificate the CA returns.",
    });
    const inv = sim.inventory().vendors.oraclesbc as { records: { hasCertificate: boolean }[] };
    assert.equal(inv.records[0].hasCertificate, false);
  });

  it("failing case: a record that does not exist is a clear error; read of a vanished record has no id", async () => {
    const csr = await record("soon-gone");
    const inputs = await importInputs({ recordName: "missing", certificatePem: ca.sign(csr) });
    await assert.rejects(hooks.create(inputs as unknown as Record<string, unknown>), {
      message:
        `Oracle SBC certificate-record "missing" does not exist on ${sim.urls.oraclesbc} (import ` +
        `answered 404 "Element instance not found: certificate-record missing"). Create it with ` +
        "oraclesbc.CertificateRecord and pass its recordName output.",
    });
    assert.deepEqual(
      await hooks.read("missing", { ...inputs } as unknown as Record<string, unknown>),
      { id: "", props: {} },
    );
  });
});
