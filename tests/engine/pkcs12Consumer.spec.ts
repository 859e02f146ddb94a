/**
 * toPkcs12 feeding a resource under the real Pulumi CLI (tests/fixtures/pkcs12/program.ts: a key,
 * its PCA-signed certificate, the bundle, and a keystore resource holding the bundle): the bundle is
 * the same bytes on every run, so `preview --expect-no-changes` passes twice in a row; after a
 * renewal on a moved clock (simulator and provider) the keystore is updated in place and holds the
 * new certificate's bundle, byte for byte what toPkcs12 makes of it, and previews are clean again.
 * Before issue 24 the bundle had a fresh salt on every run and the first preview failed.
 */
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { buildPfx } from "../../sdk/pkcs12/buildPfx";
import { CliStack, type OperationResult } from "../../tools/devkit/cliStack";
import { REPO_ROOT } from "../support/packageLink";
import { openPkcs12 } from "../support/opensslPkcs12";
import {
  assertCreateBeforeDelete,
  engineStateRoot,
  isCiphertext,
  plaintextOf,
  removeStateRoot,
  requirePulumiCli,
  resourceKey,
  revealedExport,
  revealedOutputs,
} from "./support/engine";

const PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "pkcs12", "program.ts");
const KEYSTORE_TYPE = "pulumi-nodejs:dynamic/pkcs12-fixture:Keystore";
/** The bundle's password, set as secret stack config (a test value, not a pattern). */
const PASSWORD = "pkcs12 engine fixture password";
const HOUR_MS = 3_600_000;

/** Bundles are compared by digest: a failing assertion must not print one (it holds the key). */
const digest = (base64: string) => crypto.createHash("sha256").update(base64).digest("hex");

/** The ops the engine started per dynamic resource (certplane's and the keystore), in event order. */
function opsOf(result: OperationResult): Record<string, string[]> {
  const ops: Record<string, string[]> = {};
  for (const step of result.steps) {
    if (step.phase !== "pre" || !step.type.startsWith("pulumi-nodejs:dynamic/")) continue;
    (ops[resourceKey(step.urn)] ??= []).push(step.op);
  }
  return ops;
}

describe("engine: a toPkcs12 bundle feeding a resource through the Pulumi CLI", function () {
  this.timeout(600_000);
  const stateRoot = engineStateRoot("pkcs12-consumer");
  let sim: Simulator;
  let stack: CliStack;
  const printed: string[] = [];
  const keep = (result: OperationResult) => {
    printed.push(result.output, result.error ?? "");
    return result;
  };

  /** What the keystore holds, and the bundle toPkcs12 makes of the stack's certificate and key. */
  function heldAndExpected(): { held: string; expected: string; serialNumber: string } {
    const keystore = revealedExport(stack).deployment.resources?.find(
      (r) => r.type === KEYSTORE_TYPE,
    );
    assert.ok(keystore, "no keystore in the checkpoint");
    const outputs = revealedOutputs(stack);
    const expected = buildPfx({
      certificatePem: outputs.certificatePem as string,
      privateKeyPem: outputs.privateKeyPem as string,
      password: PASSWORD,
      friendlyName: "pkcs12-service",
    }).toString("base64");
    return {
      held: plaintextOf(keystore.outputs?.pfxBase64),
      expected,
      serialNumber: outputs.serialNumber as string,
    };
  }

  before(async () => {
    sim = await startSimulator({ vendors: ["pca"] });
    stack = new CliStack({
      program: PROGRAM,
      stackName: "dev",
      stateRoot,
      cli: requirePulumiCli(),
      env: sim.env,
    });
  });
  after(async () => {
    await stack?.close();
    await sim?.stop();
    removeStateRoot(stateRoot);
  });

  it("up creates the key, the certificate and the keystore holding their bundle (a secret)", async () => {
    const created = keep(
      await stack.up({
        config: { "pkcs12-consumer:pfxPassword": { value: PASSWORD, secret: true } },
      }),
    );
    assert.deepEqual(opsOf(created), {
      "CertificateRequest/service": ["create"],
      "PcaSignedCertificate/service": ["create"],
      "Keystore/service": ["create"],
    });
    const { held, expected } = heldAndExpected();
    assert.equal(digest(held), digest(expected));
    const keystore = stack
      .exportState()
      .deployment.resources?.find((r) => r.type === KEYSTORE_TYPE);
    assert.ok(isCiphertext(keystore?.inputs?.pfxBase64), "the keystore's input is not ciphertext");
    assert.ok(
      isCiphertext(keystore?.outputs?.pfxBase64),
      "the keystore's output is not ciphertext",
    );
    assert.equal(stack.outputs().heldPfx, "[secret]");
  });

  it("preview --expect-no-changes passes twice in a row (the bundle is the same bytes each run)", async () => {
    assert.deepEqual(keep(await stack.preview({ expectNoChanges: true })).summary, { same: 4 });
    assert.deepEqual(keep(await stack.preview({ expectNoChanges: true })).summary, { same: 4 });
  });

  it("a renewal on a moved clock updates the keystore to the new certificate's bundle; previews stay clean", async () => {
    const before = heldAndExpected();
    const notAfter = Date.parse(revealedOutputs(stack).notAfter as string);
    // 239 hours before notAfter: inside the 240-hour renewal window.
    const offsetSeconds = Math.round((notAfter - 239 * HOUR_MS - Date.now()) / 1000);
    const env = { CERTPLANE_CLOCK_OFFSET_SECONDS: String(offsetSeconds) };
    sim.setClockOffset(offsetSeconds);
    try {
      const previewed = keep(await stack.preview({ env }));
      assert.deepEqual(opsOf(previewed), {
        "CertificateRequest/service": ["same"],
        "PcaSignedCertificate/service": ["create-replacement", "replace", "delete-replaced"],
        "Keystore/service": ["update"],
      });

      const renewed = keep(await stack.up({ env }));
      assert.deepEqual(opsOf(renewed), {
        "CertificateRequest/service": ["same"],
        "PcaSignedCertificate/service": ["create-replacement", "replace", "delete-replaced"],
        "Keystore/service": ["update"],
      });
      assertCreateBeforeDelete(renewed, "PcaSignedCertificate/service");
      // The keystore had the new bundle before the old certificate went (docs/pkcs12.md).
      const sequenceOf = (key: string, op: string, phase: string) =>
        renewed.steps.find((s) => resourceKey(s.urn) === key && s.op === op && s.phase === phase)
          ?.sequence ?? NaN;
      assert.ok(
        sequenceOf("Keystore/service", "update", "done") <
          sequenceOf("PcaSignedCertificate/service", "delete-replaced", "pre"),
        "the old certificate was deleted before the keystore held the new bundle",
      );

      const after = heldAndExpected();
      assert.notEqual(after.serialNumber, before.serialNumber);
      assert.notEqual(digest(after.held), digest(before.held));
      assert.equal(digest(after.held), digest(after.expected));
      const opened = openPkcs12(Buffer.from(after.held, "base64"), PASSWORD);
      assert.equal(opened.certificates.length, 1);
      assert.equal(
        new crypto.X509Certificate(opened.certificates[0]).serialNumber,
        after.serialNumber,
      );

      assert.deepEqual(keep(await stack.preview({ env, expectNoChanges: true })).summary, {
        same: 4,
      });
      assert.deepEqual(keep(await stack.preview({ env, expectNoChanges: true })).summary, {
        same: 4,
      });
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("never prints the password or the bundle; destroy empties the stack", async () => {
    const { held } = heldAndExpected();
    assert.deepEqual(keep(await stack.destroy()).summary, { delete: 4 });
    const output = printed.join("\n");
    assert.equal(output.includes(PASSWORD), false, "the password was printed");
    assert.equal(output.includes(held.slice(0, 64)), false, "the bundle was printed");
  });
});
