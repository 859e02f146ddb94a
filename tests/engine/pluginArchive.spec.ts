/**
 * The plugin archive (tools/pluginArchive/build.ts) as a user installs it:
 * `pulumi plugin install resource certplane <version> --file <archive>` into the stack's
 * PULUMI_HOME, then the native pluginDoor program (tests/fixtures/pluginDoor/native.ts) up and
 * destroyed under the real CLI with no plugin on PATH: the engine runs the installed one. PCA's token
 * comes from secret stack config `certplane:pcaToken` only (its variable is emptied), so the
 * provider configuration reaches the hooks through the engine's Configure.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { CliStack } from "../../tools/devkit/cliStack";
import { REPO_ROOT } from "../support/packageLink";
import {
  engineStateRoot,
  removeStateRoot,
  requirePulumiCli,
  revealedOutputs,
} from "./support/engine";

const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  version: string;
};

describe("engine: the plugin archive installed with `pulumi plugin install --file`", function () {
  this.timeout(600_000);
  let sim: Simulator;
  let stateRoot: string;
  let stack: CliStack;

  before(async () => {
    stateRoot = engineStateRoot("plugin-archive");
    sim = await startSimulator();
    stack = new CliStack({
      program: path.join(REPO_ROOT, "tests", "fixtures", "pluginDoor", "native.ts"),
      projectName: "plugin-archive",
      stackName: "dev",
      stateRoot,
      cli: requirePulumiCli(),
      env: { ...sim.env, CERTPLANE_PCA_TOKEN: "" },
    });
  });
  after(async () => {
    await stack?.close();
    await sim?.stop();
    if (stateRoot) removeStateRoot(stateRoot);
  });

  it("the archive builds and installs as resource plugin certplane at the package version", () => {
    const build = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(REPO_ROOT, "tools", "pluginArchive", "build.ts"), stateRoot],
      { encoding: "utf8" },
    );
    assert.equal(build.status, 0, build.stderr);
    const archive = build.stdout.trim();
    assert.equal(archive, path.join(stateRoot, `pulumi-resource-certplane-v${version}.tar.gz`));
    const pulumi = path.join(requirePulumiCli().binDir, "pulumi");
    const env = { ...process.env, ...stack.env };
    const install = spawnSync(
      pulumi,
      ["plugin", "install", "resource", "certplane", version, "--file", archive],
      { env, encoding: "utf8" },
    );
    assert.equal(install.status, 0, install.stderr);
    const listed = JSON.parse(
      spawnSync(pulumi, ["plugin", "ls", "--json"], { env, encoding: "utf8" }).stdout,
    ) as { name: string; kind: string; version: string }[];
    assert.deepEqual(
      listed.map(({ name, kind, version: v }) => ({ name, kind, version: v })),
      [{ name: "certplane", kind: "resource", version }],
    );
  });

  it("up runs the installed plugin (none on PATH), then destroy leaves no vendor object", async () => {
    const token = sim.env.CERTPLANE_PCA_TOKEN;
    const up = await stack.up({ config: { "certplane:pcaToken": { value: token, secret: true } } });
    assert.deepEqual(up.summary, { create: 10 });
    assert.equal(up.output.includes("from $PATH"), false, up.output);
    assert.equal(revealedOutputs(stack).userValidated, true);
    assert.equal(JSON.stringify(stack.exportState()).includes(token), false, "the token is plain");
    assert.deepEqual((await stack.destroy()).summary, { delete: 10 });
    const vendors = sim.inventory().vendors;
    assert.deepEqual(vendors.netfoundry.certificates, []);
    assert.deepEqual(vendors.oraclesbc.records, []);
  });
});
