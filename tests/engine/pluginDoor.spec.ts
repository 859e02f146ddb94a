/**
 * The native plugin's front door under the real Pulumi CLI, beside the dynamic door: one set of
 * resources (tests/fixtures/pluginDoor/resources.ts) registered by native tokens as
 * `pulumi.CustomResource`s (the engine runs bin/pulumi-resource-certplane, found on PATH, with
 * automatic plugin acquisition off) and through the TypeScript SDK's dynamic resources, each a stack
 * on one backend and one simulator. The native stack: a preview, an `up` whose refused validation is
 * recorded as a partial create and healed by the next `up`, then an `up` and a refresh with no
 * change, the same outputs as the dynamic stack (names, kinds, secret-ness, resource by resource),
 * no `__provider` in state, the schema's secret outputs ciphertext in `pulumi stack export`; then
 * both destroy leaving no vendor object. It prints the state bytes per certificate of both doors.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { CliStack, type ExportedResource, type StackExport } from "../../tools/devkit/cliStack";
import { REPO_ROOT } from "../support/packageLink";
import {
  engineStateRoot,
  isCiphertext,
  pemBodyLine,
  removeStateRoot,
  requirePulumiCli,
  revealedOutputs,
} from "./support/engine";
import { derivedOutputs, PACKAGE_SCHEMA } from "../../provider/core/packageSchema";
import { failOnce } from "./support/failOnce";

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures", "pluginDoor");
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/certplane:";

/** A certplane resource of either door by `<dynamic type>/<name without the door's prefix>`. */
function byResource(exported: StackExport): Map<string, ExportedResource> {
  const dynamicTypeOf = (type: string) =>
    type.startsWith(DYNAMIC_PREFIX)
      ? type.slice(DYNAMIC_PREFIX.length)
      : PACKAGE_SCHEMA.resources[type]?.language.certplane.dynamicType;
  const found = new Map<string, ExportedResource>();
  for (const resource of exported.deployment.resources ?? []) {
    const dynamicType = dynamicTypeOf(resource.type);
    if (!dynamicType) continue;
    const name = resource.urn
      .split("::")
      .pop()!
      .replace(/^(native|dynamic)-/, "");
    found.set(`${dynamicType}/${name}`, resource);
  }
  return found;
}

/** What kind each output is: `secret` (ciphertext), `array`, `object`, or its JSON type. */
function outputKinds(resource: ExportedResource): Record<string, string> {
  const kinds: Record<string, string> = {};
  for (const [key, value] of Object.entries(resource.outputs ?? {})) {
    if (key === "__provider") continue;
    kinds[key] = isCiphertext(value)
      ? "secret"
      : Array.isArray(value)
        ? "array"
        : value === null
          ? "null"
          : typeof value;
  }
  return kinds;
}

/** Bytes of one resource's checkpoint entry (inputs, outputs, everything), as JSON. */
const entryBytes = (resource: ExportedResource) => Buffer.byteLength(JSON.stringify(resource));

describe("engine: the native plugin door beside the dynamic door", function () {
  this.timeout(600_000);
  let sim: Simulator;
  let stateRoot: string;
  let native: CliStack;
  let dynamic: CliStack;
  const printed: string[] = [];

  before(async () => {
    stateRoot = engineStateRoot("plugin-door");
    sim = await startSimulator();
    const stack = (door: string, env: Record<string, string>) =>
      new CliStack({
        program: path.join(FIXTURES, `${door}.ts`),
        projectName: `plugin-door-${door}`,
        stackName: "dev",
        stateRoot,
        cli: requirePulumiCli(),
        env: { ...sim.env, ...env },
      });
    // Only the native stack's engine finds the plugin: on its PATH, as a user installs it.
    native = stack("native", {
      PATH: [path.join(REPO_ROOT, "bin"), process.env.PATH].join(path.delimiter),
    });
    dynamic = stack("dynamic", {});
  });
  after(async () => {
    await native?.close();
    await dynamic?.close();
    await sim?.stop();
    if (stateRoot) removeStateRoot(stateRoot);
  });

  const signCount = () =>
    sim.countOf({ vendor: "pca", method: "POST", path: "/distribution/sign-csr" });
  const keep = <T extends { output: string; error?: string }>(result: T): T => {
    printed.push(result.output, result.error ?? "");
    return result;
  };

  it("a native preview plans every resource, its unknown inputs skipped by check", async () => {
    const preview = keep(await native.preview());
    assert.deepEqual(preview.summary, { create: 10 });
    assert.match(preview.output, /using pulumi-resource-certplane from \$PATH/);
  });

  it("native: a refused validation is recorded as a partial create; the next up heals it", async () => {
    const signedBefore = signCount();
    failOnce(sim, "pca", "GET", "/api/v1/auth/cert/validate/authorization", 403);
    const failed = keep(await native.attempt({ kind: "up" }));
    assert.equal(failed.ok, false);
    const partial = byResource(native.exportState()).get("PcaSignedCertificate/user");
    assert.ok(partial, "the signed certificate is not in the checkpoint");
    assert.equal(partial.id, partial.outputs?.serialNumber);
    assert.equal(partial.outputs?.validated, false);
    // The key is an input only (issue 28): ciphertext there, and no output copy of it.
    assert.ok(isCiphertext(partial.inputs?.privateKeyPem), "the partial create's key is plain");
    assert.equal(
      partial.outputs?.privateKeyPem,
      undefined,
      "the partial create stores its key twice",
    );
    assert.equal(partial.initErrors?.length, 1);
    assert.match(partial.initErrors![0], /PCA signed certificate [0-9A-F]+/);

    const healed = keep(await native.up());
    const userCertificate = healed.steps.filter(
      (step) =>
        step.phase === "pre" &&
        step.urn.endsWith("::native-user") &&
        step.type.endsWith("SignedCertificate"),
    );
    assert.deepEqual(
      userCertificate.map((step) => step.op),
      ["update"],
    );
    const certificate = byResource(native.exportState()).get("PcaSignedCertificate/user")!;
    assert.equal(certificate.initErrors, undefined);
    assert.equal(certificate.outputs?.validated, true);
    // The user's certificate and the SBC's, each signed once: healing re-validated, not re-signed.
    assert.equal(signCount(), signedBefore + 2);
  });

  it("the dynamic door creates the same resources", async () => {
    assert.deepEqual(keep(await dynamic.up()).summary, { create: 10 });
  });

  it("a second native up changes nothing, nor does a refresh", async () => {
    assert.deepEqual(keep(await native.preview({ expectNoChanges: true })).summary, { same: 10 });
    assert.deepEqual(keep(await native.up()).summary, { same: 10 });
    assert.deepEqual(keep(await native.refresh()).summary, { same: 10 });
    assert.deepEqual(keep(await native.preview({ expectNoChanges: true })).summary, { same: 10 });
  });

  it("both doors give the same outputs: names, kinds and secret-ness, resource by resource", () => {
    const nativeState = byResource(native.exportState());
    const dynamicState = byResource(dynamic.exportState());
    assert.deepEqual([...nativeState.keys()].sort(), [...dynamicState.keys()].sort());
    assert.equal(nativeState.size, 9);
    for (const [key, resource] of nativeState) {
      // The dynamic door stores no derived output (fullChainPem): its class makes it on read.
      const derived = derivedOutputs(PACKAGE_SCHEMA.resources[resource.type]).map(([name]) => name);
      const nativeKinds = outputKinds(resource);
      for (const name of derived) {
        assert.equal(nativeKinds[name], "string", `${key}.${name} in the native state`);
        delete nativeKinds[name];
      }
      assert.deepEqual(nativeKinds, outputKinds(dynamicState.get(key)!), key);
    }
    // What programs read is the same: the certificate (PCA sent no chain here) through both doors.
    for (const stack of [native, dynamic]) {
      const outputs = revealedOutputs(stack);
      assert.match(outputs.userFullChainPem as string, /^-----BEGIN CERTIFICATE-----\n/);
      assert.equal(outputs.userFullChainPem, outputs.userCertificatePem);
    }
    const stackOutputs = (stack: CliStack) => {
      const outputs = stack.outputs();
      return Object.fromEntries(Object.keys(outputs).map((key) => [key, typeof outputs[key]]));
    };
    assert.deepEqual(stackOutputs(native), stackOutputs(dynamic));
    assert.equal(native.outputs().userKey, "[secret]");
    assert.equal(revealedOutputs(native).userValidated, true);
  });

  it("native state has no __provider; the keys are ciphertext and never plain", () => {
    const exported = native.exportState();
    const text = JSON.stringify(exported);
    assert.equal(text.includes("__provider"), false);
    const resources = byResource(exported);
    const request = resources.get("CertificateRequest/user")!;
    assert.ok(
      isCiphertext(request.outputs?.privateKeyPem),
      "CertificateRequest/user.privateKeyPem",
    );
    // The signer keeps the key it validates with as an input only (issue 28: stored once).
    const signed = resources.get("PcaSignedCertificate/user")!;
    assert.ok(isCiphertext(signed.inputs?.privateKeyPem), "the signed certificate's key input");
    assert.equal(signed.outputs?.privateKeyPem, undefined, "the signed certificate's key output");
    const key = revealedOutputs(native).userKey as string;
    assert.equal(text.includes(pemBodyLine(key)), false, "a key is plain in the checkpoint");
    for (const output of printed) assert.equal(output.includes(pemBodyLine(key)), false);
  });

  it("state bytes per certificate: the native door carries no provider text", () => {
    const nativeState = byResource(native.exportState());
    const dynamicState = byResource(dynamic.exportState());
    const rows: string[] = [];
    for (const key of [...nativeState.keys()].sort()) {
      const nativeBytes = entryBytes(nativeState.get(key)!);
      const dynamicBytes = entryBytes(dynamicState.get(key)!);
      rows.push(`${key}: native ${nativeBytes} B, dynamic ${dynamicBytes} B`);
      assert.ok(
        nativeBytes < dynamicBytes,
        `${key}: native ${nativeBytes} ≥ dynamic ${dynamicBytes}`,
      );
    }
    console.log(
      `      state bytes per resource (pulumi stack export entry):\n        ${rows.join("\n        ")}`,
    );
  });

  it("destroy through each door leaves no vendor object and no SBC lock", async () => {
    assert.deepEqual(keep(await native.destroy()).summary, { delete: 10 });
    assert.deepEqual(keep(await dynamic.destroy()).summary, { delete: 10 });
    const vendors = sim.inventory().vendors;
    assert.deepEqual(vendors.netfoundry.certificates, []);
    assert.deepEqual(vendors.oraclesbc.records, []);
    assert.deepEqual(
      (vendors.appviewx.certificates as { status: string }[]).filter((c) => c.status === "Active"),
      [],
    );
    const audit = (await sim.action("oraclesbc", "audit")) as { lockHolder: string | null };
    assert.equal(audit.lockHolder, null);
  });
});
