/**
 * An upgrade needs no replacement: the state a previous release wrote (tests/fixtures/upgrade/recorded,
 * written by tests/fixtures/upgrade/record.ts with that release's code: one resource of each type,
 * a bring-your-own-key CSR, a NetFoundry upload and a PAT) is replayed with the current code (dist/)
 * against the simulator restored from the same recording, both clocks at the recorded instant.
 * `up` changes nothing and keeps every output (it takes on the current, smaller `__provider`);
 * refresh finds no drift; destroy
 * leaves no deletable vendor object and no SBC lock.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { LifecycleRunner, revealSecrets, type RunResult, type StackStateView } from "../../testing";
import { sbcAudit } from "../support/oraclesbc";
import { packageNodePath, REPO_ROOT } from "../support/packageLink";
import { withScratchDir } from "../support/withScratchDir";

const FIXTURE = path.join(REPO_ROOT, "tests", "fixtures", "upgrade");
const RECORDED = path.join(FIXTURE, "recorded");
const recording = JSON.parse(fs.readFileSync(path.join(RECORDED, "recording.json"), "utf8")) as {
  commit: string;
  instant: string;
};

/** Each resource's name → its op in `result`. */
const opsOf = (result: RunResult): Record<string, string> =>
  Object.fromEntries(result.resources.map((resource) => [resource.name, resource.op]));

/** Each resource's name → `pick(resource)`, over a state view. */
const byName = <T>(
  state: StackStateView,
  pick: (resource: StackStateView["resources"][number]) => T,
): Record<string, T> =>
  Object.fromEntries(state.resources.map((resource) => [resource.name, pick(resource)]));

describe(`upgrade from the state written by ${recording.commit} (lifecycle runner, current dist/)`, () => {
  let sim: Simulator;
  // Before the scratch folder's removal (mocha runs `after` hooks in order): stopping writes the
  // simulator's state file into it.
  after(async () => sim?.stop());
  const scratch = withScratchDir("certplane-upgrade-");
  let runner: LifecycleRunner;
  /** The recorded stack, secrets revealed, read before the current code touches it. */
  let recorded: StackStateView;
  /** Every resource's name → "same": what each `up` must report. */
  let allSame: Record<string, string>;

  before(async () => {
    const statePath = scratch.file("simulator.json");
    fs.copyFileSync(path.join(RECORDED, "simulator.json"), statePath);
    fs.cpSync(path.join(RECORDED, "runner"), scratch.file("runner"), { recursive: true });
    sim = await startSimulator({
      statePath,
      clockOffsetSeconds: (Date.parse(recording.instant) - Date.now()) / 1000,
    });
    runner = new LifecycleRunner({
      program: path.join(FIXTURE, "program.ts"),
      stateDir: scratch.file("runner"),
      nodePath: [packageNodePath()],
      env: { ...sim.env, CERTPLANE_NOW: recording.instant },
    });
    recorded = runner.state();
    allSame = byName(recorded, () => "same");
  });
  const recordedOutput = (name: string, output: string) =>
    recorded.resources.find((resource) => resource.name === name)?.outputs[output];

  it("the recording holds one state of 10 resources, each type at least once", () => {
    const types = new Set(recorded.resources.map((resource) => resource.type.split(":").pop()));
    assert.equal(recorded.resources.length, 10);
    assert.deepEqual([...types].sort(), [
      "AppViewXSshCertificate",
      "CertificateRequest",
      "NetFoundryClientCertificate",
      "OracleSbcCertificateImport",
      "OracleSbcCertificateRecord",
      "PcaPersonalAccessToken",
      "PcaSignedCertificate",
    ]);
  });

  it("up with the current code changes nothing and returns every recorded output", async () => {
    const result = await runner.up();
    assert.deepEqual(opsOf(result), allSame);
    assert.equal(result.changes, 0);
    assert.deepEqual(revealSecrets(result.outputs), recorded.outputs);
    const now = runner.state();
    assert.deepEqual(
      byName(now, (resource) => [resource.id, resource.outputs]),
      byName(recorded, (resource) => [resource.id, resource.outputs]),
    );
  });

  it("the up, with no change, writes the current __provider: smaller, the same hooks module", () => {
    // The recorded release named its hooks module in a property; the shim names it literally now
    // (issue 28), which an up takes on without a change (asserted above) or a replacement.
    const hooksOf = (provider: unknown) =>
      /"pulumi-certplane\/dist\/provider\/([a-zA-Z/]+)"/.exec(String(provider))?.[1];
    const recordedProviders = byName(recorded, (resource) => resource.inputs.__provider);
    for (const [name, provider] of Object.entries(
      byName(runner.state(), (r) => r.inputs.__provider),
    )) {
      const before = recordedProviders[name];
      assert.ok(hooksOf(provider), `${name}: the current __provider names no hooks module`);
      assert.equal(hooksOf(provider), hooksOf(before), `${name}: another hooks module`);
      assert.match(String(provider), /require\("pulumi-certplane\/dist\/provider\//, name);
      assert.ok(String(provider).length < String(before).length, `${name}: not smaller`);
    }
  });

  it("refresh finds no drift", async () => {
    const refreshed = await runner.refresh();
    assert.deepEqual(
      opsOf(refreshed),
      byName(recorded, () => "refresh-same"),
    );
    assert.equal(refreshed.changes, 0);
  });

  it("destroy deletes every deletable vendor object and leaves no SBC lock held", async () => {
    const destroyed = await runner.destroy();
    assert.equal(destroyed.counts.delete, 10);
    const vendors = sim.inventory().vendors;
    assert.deepEqual(vendors.netfoundry.certificates, []);
    assert.deepEqual(vendors.zitadel.pats, []);
    assert.deepEqual(vendors.oraclesbc.records, []);
    assert.equal(vendors.oraclesbc.lockHolder, null);
    assert.equal((await sbcAudit(sim)).lockHolder, null);
    // AppViewX keeps a revoked certificate listed (the program configures revocation); PCA has no
    // revoke API, so its certificates are forgotten, as docs/pca/signedCertificate.md says.
    assert.deepEqual(
      (vendors.appviewx.certificates as { status: string }[]).map((c) => c.status),
      ["Revoked"],
    );
    // (PCA's inventory spells serials in lower-case hex, the outputs in upper case.)
    assert.deepEqual(
      (vendors.pca.certificates as { serialNumber: string }[]).map((c) => c.serialNumber).sort(),
      ["signed", "record-signed"]
        .map((name) => (recordedOutput(name, "serialNumber") as string).toLowerCase())
        .sort(),
    );
  });
});
