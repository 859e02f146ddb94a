/**
 * examples/netfoundry-frontdoor under the real Pulumi CLI (netfoundry.ClientCertificate, with
 * CertificateRequest and pca.SignedCertificate feeding it): a refused read-back after the POST is a
 * partial create the next up heals; keys stay ciphertext; a no-change preview; a rename updates in
 * place (one PATCH); renewal replaces create-before-delete; refresh shows a console rename and delete
 * and the next up heals both; destroy leaves the Frontdoor empty.
 */
import { strict as assert } from "node:assert";
import {
  assertCreateBeforeDelete,
  assertSecretsKept,
  exportedResources,
  opsOf,
  pemBodyLine,
  plaintextOf,
  revealedExport,
} from "./support/engine";
import { failOnce } from "./support/failOnce";
import { withEngineExample } from "./support/withEngineExample";

const MESH = "NetFoundryClientCertificate/service-mesh";
const API = "NetFoundryClientCertificate/api-client";
const DAY_SECONDS = 86_400;

describe("engine: examples/netfoundry-frontdoor through the Pulumi CLI", function () {
  this.timeout(300_000);
  const { sim, stack, printed, keep } = withEngineExample("netfoundry-frontdoor", {
    vendors: ["netfoundry", "pca"],
  });
  const vendorCertificates = () =>
    (sim.inventory().vendors.netfoundry.certificates as { id: string; name: string }[])
      .map((c) => `${c.id} ${c.name}`)
      .sort();
  const stateCertificates = () => {
    const resources = exportedResources(stack.exportState());
    return [MESH, API]
      .filter((key) => resources[key])
      .map((key) => `${resources[key].id} ${String(resources[key].outputs?.name)}`)
      .sort();
  };

  it("a refused read-back after the POST is recorded as a partial create; the next up heals it", async () => {
    failOnce(sim, "netfoundry", "GET", "/frontdoor/*/client-certificates/*", 403);
    const failed = keep(await stack.attempt({ kind: "up" }));
    assert.equal(failed.ok, false);
    const partial = Object.entries(exportedResources(stack.exportState())).filter(
      ([, r]) => r.initErrors?.length,
    );
    assert.equal(partial.length, 1, "exactly one certificate was created but not read back");
    const [partialKey, partialResource] = partial[0];
    assert.match(partialResource.initErrors![0], /could not|403|refused|read/i);
    // What the vendor holds is what the checkpoint holds: nothing orphaned.
    assert.deepEqual(vendorCertificates(), stateCertificates());

    const healed = keep(await stack.up());
    assert.deepEqual(opsOf(healed)[partialKey], ["update"]);
    const resources = exportedResources(stack.exportState());
    assert.equal(
      Object.values(resources).some((r) => r.initErrors?.length),
      false,
      "an init error is left",
    );
    assert.equal(vendorCertificates().length, 2);
    assert.deepEqual(vendorCertificates(), stateCertificates());
  });

  it("keys stay secret (ciphertext, never printed); a no-change preview follows", async () => {
    const revealed = exportedResources(revealedExport(stack));
    const keys = ["CertificateRequest/service-mesh", "CertificateRequest/api-client"].map((key) =>
      pemBodyLine(plaintextOf(revealed[key].outputs?.privateKeyPem)),
    );
    assertSecretsKept(stack, {
      secretOutputs: [],
      resourceSecrets: {
        "CertificateRequest/service-mesh": ["privateKeyPem"],
        "CertificateRequest/api-client": ["privateKeyPem"],
      },
      secretValues: [...keys, sim.env.CERTPLANE_NETFOUNDRY_TOKEN, sim.env.CERTPLANE_PCA_TOKEN],
      printed,
    });
    assert.deepEqual(keep(await stack.preview({ expectNoChanges: true })).summary, { same: 6 });
  });

  it("a new name updates the certificate in place with one PATCH", async () => {
    sim.resetCounts();
    const renamed = keep(
      await stack.up({ config: { "netfoundry-frontdoor:meshName": { value: "mesh-renamed" } } }),
    );
    assert.deepEqual(opsOf(renamed)[MESH], ["update"]);
    assert.equal(sim.countOf({ vendor: "netfoundry", method: "PATCH" }), 1);
    assert.equal(sim.countOf({ vendor: "netfoundry", method: "POST", path: "/frontdoor/**" }), 0);
    assert.deepEqual(vendorCertificates(), stateCertificates());
  });

  // Time does not run back: once the clocks move for the renewal they stay moved for the steps
  // after it (a certificate signed on the moved clock is not yet valid on the real one, and the
  // upload guard rightly refuses to put it on the Frontdoor).
  const moved = { env: { CERTPLANE_CLOCK_OFFSET_SECONDS: String(336 * DAY_SECONDS) } };

  it("inside the renewal window (clocks moved 336 days) the signed one is replaced create-before-delete", async () => {
    sim.setClockOffset(336 * DAY_SECONDS);
    const renewed = keep(await stack.up(moved));
    assertCreateBeforeDelete(renewed, MESH);
    // The 90-day PCA certificate expired meanwhile: renewed too, and the upload takes its PEM (PUT).
    assertCreateBeforeDelete(renewed, "PcaSignedCertificate/api-client");
    assert.deepEqual(opsOf(renewed)[API], ["update"]);
    assert.equal(vendorCertificates().length, 2);
    assert.deepEqual(vendorCertificates(), stateCertificates());
  });

  it("refresh shows a console rename and a console delete; the next up heals both", async () => {
    const resources = exportedResources(stack.exportState());
    await sim.action("netfoundry", "rename", {
      id: resources[MESH].id!,
      name: "renamed-in-console",
    });
    await sim.action("netfoundry", "delete", { id: resources[API].id! });
    const refreshed = keep(await stack.refresh(moved));
    assert.deepEqual(refreshed.summary, { same: 4, update: 1, delete: 1 });
    const healed = keep(await stack.up(moved));
    assert.deepEqual(opsOf(healed)[MESH], ["update"]);
    assert.deepEqual(opsOf(healed)[API], ["create"]);
    assert.deepEqual(vendorCertificates(), stateCertificates());
    assert.ok(vendorCertificates().some((c) => c.endsWith(" mesh-renamed")));
  });

  it("destroy leaves no client certificate at the Frontdoor", async () => {
    assert.deepEqual(keep(await stack.destroy(moved)).summary, { delete: 6 });
    assert.deepEqual(vendorCertificates(), []);
  });
});
