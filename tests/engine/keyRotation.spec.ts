/**
 * Key rotation at renewal under the real Pulumi CLI, on moved clocks (simulator and provider),
 * through both doors: the TypeScript fixture (tests/fixtures/keyRotation, dynamic resources, as an
 * Automation API inline program) and its YAML twin (tests/fixtures/keyRotationYaml, the native
 * plugin found on PATH, `pulumi up` in the project folder). Each stack holds a key told to rotate
 * at 1440 hours beside a 2160-hour PCA certificate renewed 720 hours early (`rotating`), and the
 * same without the setting (`kept`). A day before the window: no change. Once it opens, one `up`
 * replaces `rotating`'s key and certificate, each create-before-delete, the new certificate
 * certifying the new key, the key's replacement naming `keyCreatedAt`; `kept`'s certificate is
 * renewed for the same key, as before rotation existed. Then a no-change preview at that moment.
 */
import { strict as assert } from "node:assert";
import { createPublicKey } from "node:crypto";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { CliStack } from "../../tools/devkit/cliStack";
import type { EngineStep } from "../../tools/devkit/stackProtocol";
import { REPO_ROOT } from "../support/packageLink";
import {
  engineStateRoot,
  opsOfSteps,
  removeStateRoot,
  requirePulumiCli,
  resourceKey,
} from "./support/engine";
import { YamlStack } from "./support/yamlStack";

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures");
const HOUR_MS = 3_600_000;
const REPLACED = ["create-replacement", "replace", "delete-replaced"];

/** What each fixture exports per key. */
interface Signed {
  keyFingerprint: string;
  keyCreatedAt: string;
  publicKeyPem: string;
  certificatePem: string;
  serialNumber: string;
}
type Outputs = { rotating: Signed; kept: Signed };

/** One door's stack, as the scenario drives it. */
interface Door {
  /**
   * `up` with `env` over the stack's: the engine's steps, what the CLI printed, and — where the
   * door's harness reads them — the replace keys the engine recorded per resource.
   */
  up(env: Record<string, string>): Promise<{
    steps: EngineStep[];
    output: string;
    replaceKeysOf?: (name: string) => string[];
  }>;
  previewNoChanges(env: Record<string, string>): Promise<void>;
  outputs(): Promise<Outputs>;
  destroy(): Promise<void>;
  /** The name of each role's resource in the engine's steps (`<last type segment>/<name>`). */
  names: Record<"rotatingKey" | "rotatingCertificate" | "keptKey" | "keptCertificate", string>;
}

/** Asserts the engine made `key`'s replacement before it deleted the one it replaced. */
function assertCreateBeforeDelete(steps: EngineStep[], key: string): void {
  const find = (op: string, phase: string) =>
    steps.find((s) => resourceKey(s.urn) === key && s.op === op && s.phase === phase);
  const created = find("create-replacement", "done");
  const deleting = find("delete-replaced", "pre");
  assert.ok(created && deleting, `${key}: no replacement in ${JSON.stringify(opsOfSteps(steps))}`);
  assert.ok(created.sequence < deleting.sequence, `${key}: deleted before its successor existed`);
}

/** The SPKI (DER, base64) of a certificate's or key's public key. */
const spkiOf = (pem: string) =>
  createPublicKey(pem).export({ type: "spki", format: "der" }).toString("base64");

/** The scenario, the same for each door. */
function rotationScenario(sim: () => Simulator, door: () => Door): void {
  let first: Outputs;
  let startedAt: number;
  const issued = () => (sim().inventory().vendors.pca.certificates as unknown[]).length;

  /** Runs `body` with both clocks `hours` after the first `up`. */
  async function at<T>(hours: number, body: (env: Record<string, string>) => Promise<T>) {
    const offset = Math.round((startedAt + hours * HOUR_MS - Date.now()) / 1000);
    sim().setClockOffset(offset);
    try {
      return await body({ CERTPLANE_CLOCK_OFFSET_SECONDS: String(offset) });
    } finally {
      sim().setClockOffset(0);
    }
  }

  it("up creates both keys and certificates; each key's creation is recorded", async () => {
    const issuedBefore = issued();
    startedAt = Date.now();
    const { names } = door();
    const ops = opsOfSteps((await door().up({})).steps);
    for (const name of Object.values(names)) assert.deepEqual(ops[name], ["create"], name);
    first = await door().outputs();
    for (const signed of [first.rotating, first.kept]) {
      assert.match(signed.keyCreatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(Math.abs(Date.parse(signed.keyCreatedAt) - startedAt) < 120_000);
      assert.equal(spkiOf(signed.certificatePem), spkiOf(signed.publicKeyPem));
    }
    assert.equal(issued(), issuedBefore + 2);
  });

  it("a day before the window opens, up changes nothing", async () => {
    const issuedBefore = issued();
    const ops = await at(1440 - 24, async (env) => opsOfSteps((await door().up(env)).steps));
    for (const name of Object.values(door().names)) assert.deepEqual(ops[name], ["same"], name);
    assert.equal(issued(), issuedBefore);
  });

  it("once the window opens, one up rotates the key and renews for it, create-before-delete", async () => {
    const issuedBefore = issued();
    const { names } = door();
    const { steps, output, replaceKeysOf } = await at(1440 + 1, (env) => door().up(env));
    assert.deepEqual(opsOfSteps(steps), {
      [names.rotatingKey]: REPLACED,
      [names.rotatingCertificate]: REPLACED,
      [names.keptKey]: ["same"],
      [names.keptCertificate]: REPLACED,
    });
    for (const name of [names.rotatingKey, names.rotatingCertificate, names.keptCertificate]) {
      assertCreateBeforeDelete(steps, name);
    }
    // Why: the engine records the diff's replace keys (the key's age; the certificate's
    // expiry and CSR), and the dynamic door's CLI prints the provider's reason as a diagnostic.
    if (replaceKeysOf) {
      assert.deepEqual(replaceKeysOf(names.rotatingKey), ["keyCreatedAt"]);
      assert.deepEqual(replaceKeysOf(names.keptCertificate), ["notAfter"]);
    } else {
      const age = `is 144[01] hours old at \\S+; rotateAfterHours is 1440\\.`;
      assert.match(
        output,
        new RegExp(
          `certplane: CertificateRequest ${escape(first.rotating.keyFingerprint)}: replacing ` +
            `the key and CSR, since the key made at ${first.rotating.keyCreatedAt} ${age}`,
        ),
      );
    }
    assert.equal(issued(), issuedBefore + 2);

    const { rotating, kept } = await door().outputs();
    assert.notEqual(rotating.keyFingerprint, first.rotating.keyFingerprint);
    assert.equal(spkiOf(rotating.certificatePem), spkiOf(rotating.publicKeyPem));
    assert.notEqual(spkiOf(rotating.certificatePem), spkiOf(first.rotating.certificatePem));
    assert.notEqual(rotating.serialNumber, first.rotating.serialNumber);
    const movedNow = startedAt + (1440 + 1) * HOUR_MS;
    assert.ok(Math.abs(Date.parse(rotating.keyCreatedAt) - movedNow) < 120_000);

    // Without the setting, the renewal is for the same key, as before rotation existed.
    assert.equal(kept.keyFingerprint, first.kept.keyFingerprint);
    assert.equal(kept.keyCreatedAt, first.kept.keyCreatedAt);
    assert.equal(spkiOf(kept.certificatePem), spkiOf(first.kept.certificatePem));
    assert.notEqual(kept.serialNumber, first.kept.serialNumber);
  });

  it("at the same moment, preview --expect-no-changes passes: the new key is young", async () => {
    await at(1440 + 1, (env) => door().previewNoChanges(env));
  });

  it("destroy empties the stack", async () => {
    await door().destroy();
  });
}

/** `text` as a literal inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

describe("engine: key rotation at renewal, on moved clocks, through both doors", function () {
  this.timeout(900_000);
  let sim: Simulator;
  let stateRoot: string;
  before(async () => {
    requirePulumiCli();
    stateRoot = engineStateRoot("key-rotation");
    sim = await startSimulator({ vendors: ["pca"] });
  });
  after(async () => {
    await sim?.stop();
    if (stateRoot) removeStateRoot(stateRoot);
  });

  describe("TypeScript: dynamic resources", () => {
    let stack: CliStack;
    before(() => {
      stack = new CliStack({
        program: path.join(FIXTURES, "keyRotation", "index.ts"),
        stackName: "dev",
        stateRoot,
        cli: requirePulumiCli(),
        env: { ...sim.env },
      });
    });
    after(async () => stack?.close());
    rotationScenario(
      () => sim,
      () => ({
        up: (env) => stack.up({ env }),
        previewNoChanges: async (env) => void (await stack.preview({ env, expectNoChanges: true })),
        outputs: async () =>
          JSON.parse(stack.cli(["stack", "output", "--json", "--show-secrets"])) as Outputs,
        destroy: async () => void (await stack.destroy()),
        names: {
          rotatingKey: "CertificateRequest/rotating",
          rotatingCertificate: "PcaSignedCertificate/rotating",
          keptKey: "CertificateRequest/kept",
          keptCertificate: "PcaSignedCertificate/kept",
        },
      }),
    );
  });

  describe("YAML: the native plugin", () => {
    let stack: YamlStack;
    before(async function () {
      this.timeout(900_000);
      stack = new YamlStack(path.join(FIXTURES, "keyRotationYaml"), stateRoot, sim.env);
      await stack.init();
    });
    rotationScenario(
      () => sim,
      () => ({
        up: async (env) => {
          const { steps, output } = await stack.up(env);
          const replaceKeysOf = (name: string) =>
            steps.find((step) => step.op === "replace" && resourceKey(step.urn) === name)?.keys ??
            [];
          return { steps, output, replaceKeysOf };
        },
        previewNoChanges: async (env) => void (await stack.previewNoChanges(env)),
        outputs: async () => (await stack.outputs()) as unknown as Outputs,
        destroy: async () => void (await stack.destroy()),
        names: {
          rotatingKey: "CertificateRequest/rotating-key",
          rotatingCertificate: "SignedCertificate/rotating-certificate",
          keptKey: "CertificateRequest/kept-key",
          keptCertificate: "SignedCertificate/kept-certificate",
        },
      }),
    );
  });
});
