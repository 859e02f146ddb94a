/**
 * netfoundry.ClientCertificate names its certificate `certificatePem` in both modes, through the
 * lifecycle runner against the simulator: the PEM NetFoundry issued for a CSR (an output the inputs
 * do not have, which is no change on the next up) and the uploaded one (a new PEM is one PUT in place).
 * State written by 0.1.0 — the certificate in `value`, no `certificatePem` for a signed one — is read
 * after the upgrade without a replacement: one update per certificate that reads it back and writes
 * nothing to NetFoundry; then nothing changes, refresh included.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCertificate, parseCsr } from "../../provider/core/x509";
import type { RunResult } from "../../testing";
import { REPO_ROOT } from "../support/packageLink";
import { selfSignedCertificate } from "../support/testCa";
import { withProgram } from "../support/withExample";

const PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "netfoundry", "bothModes.ts");
const TYPE = "NetFoundryClientCertificate";

/** A fresh self-signed P-256 certificate to upload. */
const selfSigned = (commonName: string): string => selfSignedCertificate(commonName).certPem;

function opOf(result: RunResult, name: string): string | undefined {
  return result.resources.find((r) => r.type.endsWith(TYPE) && r.name === name)?.op;
}

/** Rewrites the state file as 0.1.0 wrote it: the PEM in `value`; signed ones lack certificatePem. */
function downgradeState(stateFile: string): void {
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as {
    resources: { type: string; outputs: Record<string, unknown> }[];
  };
  let rewritten = 0;
  for (const resource of state.resources) {
    if (!resource.type.endsWith(TYPE)) continue;
    const outputs = resource.outputs;
    outputs.value = outputs.certificatePem;
    if (outputs.certRequestPem !== undefined) delete outputs.certificatePem;
    rewritten++;
  }
  assert.equal(rewritten, 2);
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

describe("netfoundry.ClientCertificate outputs certificatePem in both modes (lifecycle runner)", () => {
  const firstUpload = selfSigned("uploaded-client");
  const { sim, runner } = withProgram(PROGRAM, {
    simulator: { vendors: ["netfoundry"] },
    config: { uploadPem: firstUpload },
  });
  let first: RunResult;
  /** The PEM the program uploads now (the last test that changed it sets it). */
  let currentUpload = firstUpload;

  const writes = () =>
    ["POST", "PUT", "PATCH", "DELETE"].map((method) =>
      sim.countOf({ vendor: "netfoundry", method, path: "/frontdoor/**" }),
    );

  it("create: certificatePem is the certificate NetFoundry issued for the CSR, and the upload", async () => {
    first = await runner.up();
    assert.equal(first.counts.create, 3);
    const issued = first.outputs.signedCertificatePem as string;
    assert.match(issued, /^-----BEGIN CERTIFICATE-----\n/);
    const certificate = parseCertificate(issued);
    assert.equal(certificate.subject, "CN=signed-client");
    assert.equal(
      certificate.publicKeySha256,
      (await parseCsr(first.outputs.signedCsr as string)).publicKeySha256,
    );
    assert.equal((first.outputs.uploadedCertificatePem as string).trim(), firstUpload.trim());
    for (const resource of first.resources.filter((r) => r.type.endsWith(TYPE))) {
      assert.equal("value" in resource.outputs, false, `${resource.name} still outputs value`);
      assert.equal(resource.outputs.certificateId, resource.id);
    }
  });

  it("a second up changes nothing: the issued certificatePem is no change against the CSR input", async () => {
    const second = await runner.up();
    assert.equal(second.changes, 0);
    assert.equal(second.outputs.signedCertificatePem, first.outputs.signedCertificatePem);
  });

  it("a new uploaded PEM is an update in place: one PUT, no POST or DELETE", async () => {
    const before = writes();
    const next = selfSigned("uploaded-client");
    const changed = await runner.up({ config: { uploadPem: next } });
    assert.equal(opOf(changed, "uploaded"), "update");
    assert.equal(opOf(changed, "signed"), "same");
    const after = writes();
    assert.deepEqual(
      after.map((n, i) => n - before[i]),
      [0, 1, 0, 0],
    );
    assert.equal((changed.outputs.uploadedCertificatePem as string).trim(), next.trim());
    currentUpload = next;
  });

  it("state written by 0.1.0 (value, no certificatePem) upgrades without a replacement or a write", async () => {
    downgradeState(first.stateFile);
    const before = writes();
    const upgraded = await runner.up({ config: { uploadPem: currentUpload } });
    // One update each that reads the certificate back and records today's outputs.
    assert.equal(opOf(upgraded, "signed"), "update");
    assert.equal(opOf(upgraded, "uploaded"), "update");
    assert.equal(upgraded.counts.replace ?? 0, 0);
    assert.deepEqual(writes(), before, "the upgrade wrote nothing to NetFoundry");
    assert.equal(upgraded.outputs.signedCertificatePem, first.outputs.signedCertificatePem);
    for (const resource of upgraded.resources.filter((r) => r.type.endsWith(TYPE))) {
      assert.equal("value" in resource.outputs, false, `${resource.name} kept value`);
      assert.equal(resource.outputs.certificateId, resource.id);
    }
    const settled = await runner.up({ config: { uploadPem: currentUpload } });
    assert.equal(settled.changes, 0);
    const refreshed = await runner.refresh();
    assert.equal(refreshed.counts["refresh-changed"] ?? 0, 0);
  });

  it("destroy deletes both certificates", async () => {
    const destroyed = await runner.destroy({ config: { uploadPem: currentUpload } });
    assert.equal(destroyed.counts.delete, 3);
    assert.deepEqual(sim.inventory().vendors.netfoundry.certificates, []);
  });
});
