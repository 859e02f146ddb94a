/**
 * examples/pca-nso-mtls through the lifecycle runner against the simulator: create (signed,
 * validated), a no-op second up, renewal when the provider clock enters the window (the key
 * rotates with it: both replaced, the certificate for the new key), refresh, destroy.
 */
import { strict as assert } from "node:assert";
import { createPublicKey } from "node:crypto";
import * as fs from "node:fs";
import { revealSecrets, type RunResult } from "../../testing";
import { withExample } from "../support/withExample";

/**
 * Bytes of the certificate's state entry in the runner's state (RSA-2048 key, no chain): 11,934
 * when its outputs echoed the key and the CSR, 8,619 since (issue 28). Echoing either back fails.
 */
const SIGNED_STATE_BYTES = 9_500;

describe("examples/pca-nso-mtls through the lifecycle runner", () => {
  const { sim, runner } = withExample("pca-nso-mtls", { simulator: { vendors: ["pca"] } });
  let first: RunResult;
  const issued = () =>
    (sim.inventory().vendors.pca.certificates as { serialNumber: string }[]).length;

  it("up creates the CSR and a PCA-signed certificate validated over mTLS; no secret in state", async () => {
    first = await runner.up();
    assert.equal(first.counts.create, 2);
    assert.equal(first.outputs.nsoValidated, true);
    assert.deepEqual(first.secretOutputs, ["nsoPrivateKeyPem"]);
    assert.equal(issued(), 1);
    const state = fs.readFileSync(first.stateFile, "utf8");
    assert.equal(state.includes("PRIVATE KEY"), false);
    assert.equal(state.includes(sim.env.CERTPLANE_PCA_TOKEN), false);
    const printed = first.logs.map((line) => line.text).join("\n");
    assert.equal(printed.includes("PRIVATE KEY"), false, "a key in a log line");
    assert.equal(printed.includes(sim.env.CERTPLANE_PCA_TOKEN), false, "the token in a log line");
  });

  it("the certificate's outputs store neither the key nor the CSR, only its fingerprint (issue 28)", () => {
    const state = JSON.parse(fs.readFileSync(first.stateFile, "utf8")) as {
      resources: { type: string; inputs: object; outputs: Record<string, unknown> }[];
    };
    const signed = state.resources.find((r) => r.type.endsWith(":PcaSignedCertificate"));
    assert.ok(signed);
    assert.equal("privateKeyPem" in signed.outputs, false);
    assert.equal("certRequestPem" in signed.outputs, false);
    assert.match(signed.outputs.certRequestSha256 as string, /^[0-9a-f]{64}$/);
    assert.ok("privateKeyPem" in signed.inputs, "the input itself is kept (the engine stores it)");
    const bytes = Buffer.byteLength(JSON.stringify(signed));
    console.log(`      PcaSignedCertificate state entry: ${bytes} bytes`);
    assert.ok(bytes < SIGNED_STATE_BYTES, `${bytes} bytes`);
  });

  it("a second up changes nothing and signs nothing", async () => {
    const second = await runner.up();
    assert.equal(second.changes, 0);
    assert.equal(issued(), 1);
  });

  it("inside the renewal window the next up rotates the key and signs a certificate for the new one", async () => {
    const notAfter = Date.parse(first.outputs.nsoNotAfter as string);
    const inWindow = new Date(notAfter - 239 * 3_600_000).toISOString();
    const renewed = await runner.up({ env: { CERTPLANE_NOW: inWindow } });
    const opOf = (type: string) => renewed.resources.find((r) => r.type.endsWith(type))?.op;
    // The example's key rotates when the window opens (rotateAfterHours 2160 - 240).
    assert.equal(opOf(":CertificateRequest"), "replace");
    assert.equal(opOf(":PcaSignedCertificate"), "replace");
    assert.equal(renewed.counts.replace, 2);
    assert.notEqual(renewed.outputs.nsoSerialNumber, first.outputs.nsoSerialNumber);
    const spki = (pem: unknown) =>
      createPublicKey(String(revealSecrets(pem))).export({ type: "spki", format: "der" });
    assert.equal(
      spki(renewed.outputs.nsoCertificatePem).equals(spki(first.outputs.nsoCertificatePem)),
      false,
      "the renewed certificate is for the old key",
    );
    assert.ok(
      spki(renewed.outputs.nsoCertificatePem).equals(spki(renewed.outputs.nsoPrivateKeyPem)),
    );
    assert.equal(renewed.outputs.nsoKeyCreatedAt, inWindow.replace(/\.\d+Z$/, "Z"));
    assert.equal(issued(), 2);
  });

  it("refresh keeps validated (no key in the outputs); destroy forgets (no PCA revoke), empties the stack", async () => {
    const refreshed = await runner.refresh();
    assert.equal(refreshed.counts["refresh-removed"], 0);
    const destroyed = await runner.destroy();
    assert.equal(destroyed.counts.delete, 2);
    assert.equal(issued(), 2, "nothing is revoked or removed on PCA");
  });
});
