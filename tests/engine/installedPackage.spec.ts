/**
 * The package as users install it, under the real Pulumi CLI: `npm pack` unpacked under a project's
 * node_modules (tools/devkit/installedPackage.ts) with tests/fixtures/pca/fullChain.ts in its
 * project folder, against the simulator. Pulumi stores each resource's provider as a `require` of
 * its type's shim module (sdk/shim.ts: about 300 bytes, not the function's text), and every
 * operation runs the hooks through it: up, a no-change preview, an in-place update, refresh,
 * destroy. `fullChainPem` is made by the class (the state does not hold it).
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { CliStack } from "../../tools/devkit/cliStack";
import { installedProgram } from "../../tools/devkit/installedPackage";
import { REPO_ROOT } from "../support/packageLink";
import {
  engineStateRoot,
  exportedResources,
  opsOf,
  removeStateRoot,
  requirePulumiCli,
  revealedOutputs,
} from "./support/engine";

const PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "pca", "fullChain.ts");
/** What an installed type's provider text requires (with `.js` or without: both are exported). */
const SHIM_REQUIRE = /require\("pulumi-certplane\/dist\/sdk\/hooksShims\/([a-zA-Z/]+?)(\.js)?"\)/;
/** Each resource's hooks path, by `<Type>/<name>`. */
const HOOKS = {
  "CertificateRequest/web": "csr/certificateRequest",
  "PcaSignedCertificate/web": "pca/signedCertificate",
};

describe("engine: the installed package, its provider stored as a require of its shim module", function () {
  this.timeout(600_000);
  let root: string;
  let sim: Simulator;
  let stack: CliStack;

  before(async () => {
    root = engineStateRoot("installed-package");
    const installed = installedProgram(path.join(root, "project"), PROGRAM);
    sim = await startSimulator({ vendors: ["pca"] });
    stack = new CliStack({
      program: installed.program,
      stackName: "dev",
      stateRoot: installed.stateRoot,
      cli: requirePulumiCli(),
      env: { ...sim.env, ...installed.env },
    });
  });
  after(async () => {
    await stack?.close();
    await sim?.stop();
    if (root) removeStateRoot(root);
  });

  it("up creates both; each __provider, in inputs and outputs, requires its type's shim module", async () => {
    assert.deepEqual(opsOf(await stack.up()), {
      "CertificateRequest/web": ["create"],
      "PcaSignedCertificate/web": ["create"],
    });
    const resources = exportedResources(stack.exportState());
    assert.deepEqual(Object.keys(resources).sort(), Object.keys(HOOKS).sort());
    for (const [key, hooks] of Object.entries(HOOKS)) {
      const { inputs, outputs } = resources[key];
      const provider = String(inputs?.__provider);
      assert.equal(outputs?.__provider, provider, `${key}: one text in inputs and outputs`);
      assert.equal(SHIM_REQUIRE.exec(provider)?.[1], hooks, `${key}: ${provider}`);
      assert.equal(provider.includes("Object.assign"), false, `${key}: the function was stored`);
      assert.ok(Buffer.byteLength(provider) < 360, `${key}: ${Buffer.byteLength(provider)} bytes`);
    }
    const outputs = revealedOutputs(stack);
    assert.match(outputs.fullChainPem as string, /^-----BEGIN CERTIFICATE-----\n/);
    assert.equal(outputs.fullChainPem, outputs.certificatePem);
    assert.equal("fullChainPem" in (resources["PcaSignedCertificate/web"].outputs ?? {}), false);
  });

  it("preview --expect-no-changes passes; an in-place update runs the hooks through the reference", async () => {
    assert.deepEqual((await stack.preview({ expectNoChanges: true })).summary, { same: 3 });
    const updated = await stack.up({
      config: { "pca-fixtures:earlyRenewalHours": { value: "2" } },
    });
    assert.deepEqual(opsOf(updated), {
      "CertificateRequest/web": ["same"],
      "PcaSignedCertificate/web": ["update"],
    });
    const signed = exportedResources(stack.exportState())["PcaSignedCertificate/web"];
    assert.equal(signed.outputs?.earlyRenewalHours, 2);
    assert.equal(signed.outputs?.readyForRenewal, false);
  });

  it("refresh finds no drift; destroy empties the stack", async () => {
    assert.deepEqual((await stack.refresh()).summary, { same: 3 });
    assert.deepEqual((await stack.destroy()).summary, { delete: 3 });
    assert.deepEqual(exportedResources(stack.exportState()), {});
  });
});
