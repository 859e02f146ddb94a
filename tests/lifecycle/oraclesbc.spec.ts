/**
 * examples/oraclesbc-tls through the lifecycle runner against the Oracle SBC and PCA simulators: up
 * (record → device CSR → PCA signs → import → save/activate), a no-op second up, an attribute change
 * that regenerates the device CSR so PCA signs anew (replace) and the import re-imports with overwrite, refresh,
 * and destroy removing the record. No password or token in state or output; no lock left behind.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceResult, RunResult } from "../../testing";
import { parseCertificate, parseCsr } from "../../provider/core/x509";
import { verifyCsr } from "../support/openssl";
import { sbcAudit, withSbcAudit } from "../support/oraclesbc";
import { REPO_ROOT } from "../support/packageLink";
import { withExample, withProgram } from "../support/withExample";

function op(result: RunResult, type: string, name: string): string {
  const found = result.resources.find((r) => r.type.endsWith(type) && r.name === name);
  assert.ok(found, `no ${type} ${name}`);
  return found.op;
}

function byType(result: RunResult, type: string): ResourceResult {
  const found = result.resources.find((r) => r.type.endsWith(type));
  assert.ok(found, `no ${type}`);
  return found;
}

describe("examples/oraclesbc-tls through the lifecycle runner (SBC and PCA simulators)", () => {
  const { sim, runner } = withExample("oraclesbc-tls", {
    simulator: { vendors: ["oraclesbc", "pca"] },
  });
  let first: RunResult;

  before(() => sim.action("oraclesbc", "configure", { jobDurationMs: 20 }));
  withSbcAudit(sim, { lockDiscipline: true });

  it("up: the device makes the key and CSR, PCA signs it, the certificate is imported", async () => {
    first = await runner.up();
    assert.equal(first.counts.create, 3);
    const csr = verifyCsr(first.outputs.deviceCsr as string);
    assert.equal(csr.subject, "CN=sbc.example.com,O=Example Corp,L=Burlington,ST=MA,C=US");
    const inv = sim.inventory().vendors.oraclesbc as {
      records: { name: string; hasKey: boolean; hasCertificate: boolean }[];
    };
    assert.deepEqual(
      inv.records.map((r) => [r.name, r.hasKey, r.hasCertificate]),
      [["sbc-tls", true, true]],
    );
    const signed = byType(first, "PcaSignedCertificate").outputs.certificatePem as string;
    assert.equal(
      parseCertificate(signed).publicKeySha256,
      (await parseCsr(first.outputs.deviceCsr as string)).publicKeySha256,
    );
    assert.equal(first.outputs.certificateFingerprint, parseCertificate(signed).fingerprintSha256);
    const state = fs.readFileSync(first.stateFile, "utf8");
    const password = sim.credentials.oraclesbc.password;
    assert.equal(state.includes(password), false, "the SBC password is plain in state");
    assert.equal(
      first.logs.some((l) => l.text.includes(password)),
      false,
      "the password in a log line",
    );
  });

  it("a second up changes nothing", async () => {
    const second = await runner.up();
    assert.equal(second.changes, 0);
    assert.equal(second.outputs.certificateFingerprint, first.outputs.certificateFingerprint);
  });

  it("an attribute change regenerates the device CSR, PCA signs anew (replace), the import overwrites", async () => {
    const changed = await runner.up({ config: { "oraclesbc-tls:organization": "Other Corp" } });
    assert.equal(op(changed, "OracleSbcCertificateRecord", "sbc-tls"), "update");
    assert.equal(op(changed, "PcaSignedCertificate", "sbc-tls"), "replace");
    assert.notEqual(changed.outputs.certificateSerial, first.outputs.certificateSerial);
    assert.equal(op(changed, "OracleSbcCertificateImport", "sbc-tls"), "update");
    assert.notEqual(changed.outputs.deviceCsr, first.outputs.deviceCsr);
    assert.match(verifyCsr(changed.outputs.deviceCsr as string).subject, /O=Other Corp/);
    assert.notEqual(changed.outputs.certificateFingerprint, first.outputs.certificateFingerprint);
    const refreshed = await runner.refresh();
    assert.equal(refreshed.counts["refresh-changed"] ?? 0, 0);
  });

  it("destroy removes the record from the device", async () => {
    const destroyed = await runner.destroy();
    assert.equal(destroyed.counts.delete, 3);
    const inv = sim.inventory().vendors.oraclesbc as { records: unknown[] };
    assert.deepEqual(inv.records, []);
  });
});

describe("ten CertificateRecords on one SBC in one up (lifecycle runner)", () => {
  const { sim, runner } = withProgram(
    path.join(REPO_ROOT, "tests", "fixtures", "oraclesbc", "tenRecords.ts"),
    { simulator: { vendors: ["oraclesbc"] }, parallel: 10 },
  );

  before(() => sim.action("oraclesbc", "configure", { jobDurationMs: 20 }));

  it("all succeed; the device never sees two lock holders or a configuration call without the lock", async () => {
    const result = await runner.up();
    assert.equal(result.counts.create, 10);
    assert.equal((result.outputs.csrs as string[]).length, 10);
    const audit = await sbcAudit(sim);
    assert.deepEqual(
      [audit.lockHolder, audit.locks, audit.lockDenied, audit.configDenied, audit.maxHolders],
      [null, 10, 0, 0, 1],
    );
    // Lock and unlock strictly alternate: no two sessions ever overlapped.
    const lockEvents = audit.events.filter((e) => e.event === "lock" || e.event === "unlock");
    lockEvents.forEach((e, i) => assert.equal(e.event, i % 2 === 0 ? "lock" : "unlock"));
    const destroyed = await runner.destroy();
    assert.equal(destroyed.counts.delete, 10);
    assert.deepEqual((sim.inventory().vendors.oraclesbc as { records: unknown[] }).records, []);
  });
});
