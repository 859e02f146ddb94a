/**
 * examples/appviewx-ssh under the real Pulumi CLI (appviewx.SshCertificate for keys from
 * CertificateRequest): keys and the mTLS client key never plain; a no-change preview; a principals
 * change and the renewal window replace revoking first (AppViewX allows one valid certificate per
 * key, so the resource asks the engine for delete-before-replace); refresh reads no drift (AppViewX
 * has no certificate read API); destroy revokes every certificate.
 */
import { strict as assert } from "node:assert";
import {
  assertDeleteBeforeCreate,
  assertSecretsKept,
  opsOf,
  pemBodyLine,
  plaintextOf,
  revealedExport,
  exportedResources,
} from "./support/engine";
import { withEngineExample } from "./support/withEngineExample";

const DEPLOY = "AppViewXSshCertificate/deploy";
const WEB = "AppViewXSshCertificate/web1";
const HOUR_SECONDS = 3_600;

describe("engine: examples/appviewx-ssh through the Pulumi CLI", function () {
  this.timeout(300_000);
  const { sim, stack, printed, keep } = withEngineExample("appviewx-ssh", {
    vendors: ["appviewx"],
  });
  const active = () =>
    (sim.inventory().vendors.appviewx.certificates as { serialNumber: string; status: string }[])
      .filter((c) => c.status === "Active")
      .map((c) => c.serialNumber)
      .sort();
  const stateSerials = () => {
    const resources = exportedResources(stack.exportState());
    return [DEPLOY, WEB].map((key) => String(resources[key]?.id)).sort();
  };

  it("up certifies both keys; nothing secret is plain; a no-change preview follows", async () => {
    const created = keep(await stack.up());
    assert.deepEqual(opsOf(created), {
      "CertificateRequest/deploy": ["create"],
      [DEPLOY]: ["create"],
      "CertificateRequest/web1": ["create"],
      [WEB]: ["create"],
    });
    assert.deepEqual(active(), stateSerials());
    const revealed = exportedResources(revealedExport(stack));
    assertSecretsKept(stack, {
      secretOutputs: [],
      resourceSecrets: {
        "CertificateRequest/deploy": ["privateKeyPem"],
        "CertificateRequest/web1": ["privateKeyPem"],
      },
      secretValues: [
        pemBodyLine(plaintextOf(revealed["CertificateRequest/web1"].outputs?.privateKeyPem)),
        pemBodyLine(sim.env.CERTPLANE_APPVIEWX_CLIENT_PRIVATE_KEY_PEM),
        sim.env.CERTPLANE_APPVIEWX_REVOCATION_PASSWORD,
      ],
      printed,
    });
    assert.deepEqual(keep(await stack.preview({ expectNoChanges: true })).summary, { same: 5 });
  });

  it("a principals change replaces the certificate, revoking the old one first (same key)", async () => {
    const changed = keep(
      await stack.up({
        config: { "appviewx-ssh:principals": { value: JSON.stringify(["deploy"]) } },
      }),
    );
    assertDeleteBeforeCreate(changed, DEPLOY);
    assert.deepEqual(opsOf(changed)[WEB], ["same"]);
    assert.deepEqual(active(), stateSerials());
  });

  it("inside the renewal window (clocks moved 6.5 days) the user certificate is renewed", async () => {
    const offsetSeconds = (7 * 24 - 12) * HOUR_SECONDS;
    sim.setClockOffset(offsetSeconds);
    try {
      const renewed = keep(
        await stack.up({ env: { CERTPLANE_CLOCK_OFFSET_SECONDS: String(offsetSeconds) } }),
      );
      assertDeleteBeforeCreate(renewed, DEPLOY);
      assert.deepEqual(opsOf(renewed)[WEB], ["same"]);
    } finally {
      sim.setClockOffset(0);
    }
    assert.deepEqual(active(), stateSerials());
  });

  it("refresh reads no drift (there is no read API); destroy revokes every certificate", async () => {
    assert.deepEqual(keep(await stack.refresh()).summary, { same: 5 });
    assert.deepEqual(keep(await stack.destroy()).summary, { delete: 5 });
    assert.deepEqual(active(), []);
  });
});
