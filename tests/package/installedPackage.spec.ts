/**
 * The package as users get it: `npm pack`, installed into a fresh project outside this checkout,
 * a program of 50 CertificateRequests run through the installed `pulumi-certplane/testing` runner.
 * Proves the exports resolve, the serialized provider loads its hooks by package name from the
 * user's node_modules, and what lands in state per resource is small and identical.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as testing from "../../sdk/testing";
import { REPO_ROOT } from "../helpers/packageLink";

const COUNT = 50;
const PROVIDER_BYTES_LIMIT = 2048;

/** Every `__provider` string in a runner state file, wherever it sits. */
function providerStrings(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => providerStrings(item, found));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "__provider" && typeof inner === "string") found.push(inner);
      else providerStrings(inner, found);
    }
  }
  return found;
}

/**
 * Where `specifier` resolves from `project` under plain Node: this test process runs under tsx,
 * whose tsconfig path mapping would send `pulumi-certplane` back to this checkout's sources.
 */
function resolveFrom(project: string, specifier: string): string {
  return execFileSync(process.execPath, ["-p", `require.resolve(${JSON.stringify(specifier)})`], {
    cwd: project,
    encoding: "utf8",
  }).trim();
}

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe("the packed package installed in a fresh project", function () {
  this.timeout(600_000);
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "certplane-package-"));
  let runner: testing.LifecycleRunner;

  before(() => {
    const tarball = npm(
      ["pack", "--ignore-scripts", "--silent", "--pack-destination", project],
      REPO_ROOT,
    ).trim();
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "package-test", private: true }, null, 2),
    );
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: package-test\nruntime: nodejs\n");
    fs.copyFileSync(path.join(__dirname, "program.js"), path.join(project, "index.js"));
    const pulumiVersion = (
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies["@pulumi/pulumi"];
    npm(
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        path.join(project, tarball),
        `@pulumi/pulumi@${pulumiVersion}`,
      ],
      project,
    );
    // The runner as the user's tests load it: by package name, from the project.
    const testingEntry = resolveFrom(project, "pulumi-certplane/testing");
    const installed = require(testingEntry) as typeof testing;
    runner = new installed.LifecycleRunner({
      program: path.join(project, "index.js"),
      config: { count: String(COUNT) },
    });
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  it("installs the exports users import: the SDK, the runner and the provider hooks", () => {
    for (const specifier of [
      "pulumi-certplane",
      "pulumi-certplane/testing",
      "pulumi-certplane/dist/provider/csr/certificateRequest",
    ]) {
      const resolved = resolveFrom(project, specifier);
      assert.ok(
        resolved.startsWith(path.join(project, "node_modules")),
        `${specifier} → ${resolved}`,
      );
    }
  });

  it(`creates ${COUNT} CertificateRequests whose serialized provider is identical, small and path-free`, async () => {
    const result = await runner.up();

    assert.equal(result.counts.create, COUNT);
    assert.equal(new Set(result.outputs.fingerprints as string[]).size, COUNT);
    const providers = providerStrings(JSON.parse(fs.readFileSync(result.stateFile, "utf8")));
    // The state holds each resource's `__provider` twice: in its inputs and in its outputs.
    assert.equal(providers.length, 2 * COUNT);
    assert.equal(new Set(providers).size, 1, "every resource must serialize the same provider");
    const [provider] = providers;
    assert.ok(
      Buffer.byteLength(provider) < PROVIDER_BYTES_LIMIT,
      `__provider is ${Buffer.byteLength(provider)} bytes`,
    );
    assert.equal(provider.includes(project), false, "the provider captured the project's path");
    assert.equal(provider.includes(REPO_ROOT), false, "the provider captured the checkout's path");
    assert.ok(provider.includes('"pulumi-certplane/dist/provider/csr/certificateRequest"'));
  });

  it("a second up changes nothing; destroy empties the stack", async () => {
    const second = await runner.up();
    assert.equal(second.changes, 0);

    const destroyed = await runner.destroy();
    assert.equal(destroyed.counts.delete, COUNT);
  });
});
