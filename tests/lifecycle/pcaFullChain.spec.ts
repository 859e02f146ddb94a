/**
 * `pca.SignedCertificate.fullChainPem` through the TypeScript class (lifecycle runner): the class
 * makes it from `certificatePem` and `chainPem` when read and the state does not store it (issue 28:
 * each PEM stored once), with a chain and without; state an earlier release wrote, which stored it,
 * upgrades with no change and the same value, and drops its copy at the next update.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/packageLink";
import { withProgram } from "../support/withExample";

const PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "pca", "fullChain.ts");

/** The runner's state file, as far as this spec reads and edits it. */
interface StateFile {
  resources: { type: string; outputs: Record<string, unknown> }[];
}

const readState = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as StateFile;
const signedOf = (state: StateFile) =>
  state.resources.find((resource) => resource.type.endsWith(":PcaSignedCertificate"))!;

describe("pca.SignedCertificate.fullChainPem: derived on read, stored once (lifecycle runner)", () => {
  const { sim, runner } = withProgram(PROGRAM, { simulator: { vendors: ["pca"] } });

  it("without a chain: fullChainPem is the certificate, and the state holds it once", async () => {
    const result = await runner.up();
    assert.equal(result.counts.create, 2);
    assert.equal(result.outputs.chainPem, "");
    assert.match(result.outputs.fullChainPem as string, /^-----BEGIN CERTIFICATE-----\n/);
    assert.equal(result.outputs.fullChainPem, result.outputs.certificatePem);
    const signed = signedOf(readState(result.stateFile));
    assert.equal("fullChainPem" in signed.outputs, false);
    assert.equal(signed.outputs.certificatePem, result.outputs.certificatePem);
  });

  it("state an earlier release wrote (with fullChainPem) is no change, reads the same, and loses the copy at its next update", async () => {
    const file = runner.stateFile;
    const state = readState(file);
    const signed = signedOf(state);
    signed.outputs.fullChainPem = signed.outputs.certificatePem;
    fs.writeFileSync(file, JSON.stringify(state, null, 2));

    const same = await runner.up();
    assert.equal(same.changes, 0);
    assert.equal(same.outputs.fullChainPem, same.outputs.certificatePem);
    assert.equal(signedOf(readState(file)).outputs.fullChainPem, same.outputs.certificatePem);

    const updated = await runner.up({ config: { earlyRenewalHours: "2" } });
    assert.equal(updated.counts.update, 1);
    assert.equal(updated.outputs.fullChainPem, same.outputs.fullChainPem);
    assert.equal("fullChainPem" in signedOf(readState(file)).outputs, false);
  });

  it("with a chain: fullChainPem is the certificate followed by the chain", async () => {
    await sim.action("pca", "includeChain", { include: true });
    try {
      const destroyed = await runner.destroy();
      assert.equal(destroyed.counts.delete, 2);
      const result = await runner.up();
      const issuingCaPem = sim.inventory().vendors.pca.issuingCaCertPem as string;
      assert.equal((result.outputs.chainPem as string).trim(), issuingCaPem.trim());
      assert.equal(
        result.outputs.fullChainPem,
        (result.outputs.certificatePem as string) + (result.outputs.chainPem as string),
      );
      assert.equal("fullChainPem" in signedOf(readState(result.stateFile)).outputs, false);
    } finally {
      await sim.action("pca", "includeChain", { include: false });
    }
  });
});
