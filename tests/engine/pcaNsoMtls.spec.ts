/**
 * examples/pca-nso-mtls under the real Pulumi CLI (CertificateRequest, pca.SignedCertificate): a
 * validate refusal right after signing is the partial create the next up heals; secrets stay
 * ciphertext; a no-change preview; an in-place update; renewal (with the key's rotation, paired
 * with the window) and a new key size replace create-before-delete; refresh finds nothing to drift (PCA keeps nothing to read back); destroy empties the stack.
 */
import { strict as assert } from "node:assert";
import {
  assertCreateBeforeDelete,
  assertSecretsKept,
  exportedResources,
  isCiphertext,
  opsOf,
  pemBodyLine,
  revealedOutputs,
} from "./support/engine";
import { failOnce } from "./support/failOnce";
import { withEngineExample } from "./support/withEngineExample";

const HOUR_MS = 3_600_000;

describe("engine: examples/pca-nso-mtls through the Pulumi CLI", function () {
  this.timeout(300_000);
  const { sim, stack, printed, keep } = withEngineExample("pca-nso-mtls", { vendors: ["pca"] });
  const issued = () => (sim.inventory().vendors.pca.certificates as unknown[]).length;

  it("a validate refusal after signing is recorded as a partial create; the next up heals it", async () => {
    failOnce(sim, "pca", "GET", "/api/v1/auth/cert/validate/authorization", 403);
    const failed = keep(await stack.attempt({ kind: "up" }));
    assert.equal(failed.ok, false);
    const partial = exportedResources(stack.exportState())["PcaSignedCertificate/nso-user"];
    assert.ok(partial, "the signed certificate is not in the checkpoint");
    assert.equal(partial.id, partial.outputs?.serialNumber);
    assert.equal(partial.outputs?.validated, false);
    assert.equal(partial.initErrors?.length, 1);
    assert.match(partial.initErrors![0], /PCA signed certificate [0-9A-F]+/);

    const healed = keep(await stack.up());
    assert.deepEqual(opsOf(healed), {
      "CertificateRequest/nso-user": ["same"],
      "PcaSignedCertificate/nso-user": ["update"],
    });
    const certificate = exportedResources(stack.exportState())["PcaSignedCertificate/nso-user"];
    assert.equal(certificate.initErrors, undefined);
    assert.equal(certificate.outputs?.validated, true);
    assert.equal(issued(), 1, "healing re-validated; it did not sign again");
  });

  it("keeps the key a secret: ciphertext in stack export, masked by stack output, never printed", () => {
    const key = revealedOutputs(stack).nsoPrivateKeyPem as string;
    assert.match(key, /^-----BEGIN PRIVATE KEY-----/);
    assertSecretsKept(stack, {
      secretOutputs: ["nsoPrivateKeyPem"],
      resourceSecrets: {
        "CertificateRequest/nso-user": ["privateKeyPem"],
      },
      secretValues: [pemBodyLine(key), sim.env.CERTPLANE_PCA_TOKEN],
      printed,
    });
    // The certificate stores the key once, as its (secret) input; its outputs do not repeat the key
    // or the CSR (issue 28).
    const certificate = exportedResources(stack.exportState())["PcaSignedCertificate/nso-user"];
    assert.ok(isCiphertext(certificate.inputs?.privateKeyPem), "the key input is not ciphertext");
    assert.equal("privateKeyPem" in (certificate.outputs ?? {}), false);
    assert.equal("certRequestPem" in (certificate.outputs ?? {}), false);
    assert.match(String(certificate.outputs?.certRequestSha256), /^[0-9a-f]{64}$/);
    // `pulumi stack export` of this entry (RSA-2048): 13,219 bytes while the outputs echoed the key
    // and the CSR, 9,877 since.
    const bytes = Buffer.byteLength(JSON.stringify(certificate));
    console.log(`      PcaSignedCertificate in stack export: ${bytes} bytes`);
    assert.ok(bytes < 11_000, `${bytes} bytes`);
  });

  it("preview --expect-no-changes passes for the same program", async () => {
    const preview = keep(await stack.preview({ expectNoChanges: true }));
    assert.deepEqual(preview.summary, { same: 3 });
  });

  it("a new earlyRenewalHours updates the certificate and the key's rotation in place, signing nothing", async () => {
    const updated = keep(
      await stack.up({ config: { "pca-nso-mtls:earlyRenewalHours": { value: "300" } } }),
    );
    // rotateAfterHours follows the window (2160 - 300): a new setting, the same key.
    assert.deepEqual(opsOf(updated), {
      "CertificateRequest/nso-user": ["update"],
      "PcaSignedCertificate/nso-user": ["update"],
    });
    assert.equal(issued(), 1);
  });

  it("inside the renewal window (simulator and provider clocks moved) up rotates the key and renews, create-before-delete", async () => {
    const before = revealedOutputs(stack);
    const notAfter = Date.parse(before.nsoNotAfter as string);
    const offsetSeconds = Math.round((notAfter - 299 * HOUR_MS - Date.now()) / 1000);
    sim.setClockOffset(offsetSeconds);
    try {
      const renewed = keep(
        await stack.up({ env: { CERTPLANE_CLOCK_OFFSET_SECONDS: String(offsetSeconds) } }),
      );
      assert.deepEqual(opsOf(renewed)["PcaSignedCertificate/nso-user"], [
        "create-replacement",
        "replace",
        "delete-replaced",
      ]);
      assertCreateBeforeDelete(renewed, "PcaSignedCertificate/nso-user");
      // The key rotates with the window (rotateAfterHours 2160 - 300): a new key in the same up.
      assertCreateBeforeDelete(renewed, "CertificateRequest/nso-user");
      const after = revealedOutputs(stack);
      assert.notEqual(after.nsoSerialNumber, before.nsoSerialNumber);
      assert.notEqual(after.nsoPrivateKeyPem, before.nsoPrivateKeyPem);
      assert.equal(issued(), 2);
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("a new key size replaces the key and the certificate, each create-before-delete", async () => {
    const replaced = keep(
      await stack.up({ config: { "pca-nso-mtls:rsaBits": { value: "3072" } } }),
    );
    assertCreateBeforeDelete(replaced, "CertificateRequest/nso-user");
    assertCreateBeforeDelete(replaced, "PcaSignedCertificate/nso-user");
    assert.equal(issued(), 3);
  });

  it("refresh finds no drift (PCA has nothing to read back) and destroy empties the stack", async () => {
    const refreshed = keep(await stack.refresh());
    assert.deepEqual(refreshed.summary, { same: 3 });
    const destroyed = keep(await stack.destroy());
    assert.deepEqual(destroyed.summary, { delete: 3 });
    assert.deepEqual(exportedResources(stack.exportState()), {});
    assert.equal(printed.join("\n").includes("PRIVATE KEY-----\n"), false);
  });
});
