/**
 * examples/netfoundry-frontdoor through the lifecycle runner against the simulator: both create
 * modes, a no-op second up, a rename as one PATCH, refresh after a console rename and delete, and
 * destroy leaving the Frontdoor empty.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { withExample } from "../support/withExample";

describe("examples/netfoundry-frontdoor through the lifecycle runner", () => {
  const { sim, runner } = withExample("netfoundry-frontdoor", {
    simulator: { vendors: ["netfoundry", "pca"] },
  });
  const stored = () =>
    sim.inventory().vendors.netfoundry.certificates as {
      id: string;
      name: string;
      origin: string;
    }[];
  const count = (method: string) =>
    sim.countOf({ vendor: "netfoundry", method, path: "/frontdoor/**" });

  it("creates one NetFoundry-signed and one uploaded certificate; a second up changes nothing", async () => {
    const first = await runner.up();
    assert.equal(first.counts.create, 5);
    assert.equal(first.outputs.meshIssuer, "C=US, ST=NC, L=Charlotte, O=NetFoundry, CN=NetFoundry");
    assert.match(first.outputs.meshCertificatePem as string, /^-----BEGIN CERTIFICATE-----\n/);
    assert.deepEqual(
      stored()
        .map((c) => [c.name, c.origin])
        .sort(),
      [
        ["api-client-prod", "upload"],
        ["service-mesh-cert", "csr"],
      ],
    );
    assert.equal(
      fs.readFileSync(first.stateFile, "utf8").includes(sim.env.CERTPLANE_NETFOUNDRY_TOKEN),
      false,
    );
    assert.equal((await runner.up()).changes, 0);
  });

  it("a rename is an update with exactly one PATCH and no POST or DELETE", async () => {
    const [patches, posts, deletes] = [count("PATCH"), count("POST"), count("DELETE")];
    const renamed = await runner.up({ config: { meshName: "service-mesh-renamed" } });
    assert.equal(renamed.counts.update, 1);
    assert.deepEqual(
      [count("PATCH") - patches, count("POST") - posts, count("DELETE") - deletes],
      [1, 0, 0],
    );
  });

  it("refresh reports a console rename and drops a console deletion; the next up recreates it", async () => {
    const api = stored().find((c) => c.name === "api-client-prod");
    const mesh = stored().find((c) => c.name === "service-mesh-renamed");
    assert.ok(api && mesh);
    await sim.action("netfoundry", "rename", { id: mesh.id, name: "renamed-in-console" });
    await sim.action("netfoundry", "delete", { id: api.id });
    const refreshed = await runner.refresh();
    assert.equal(refreshed.counts["refresh-changed"], 1);
    assert.equal(refreshed.counts["refresh-removed"], 1);
    const repaired = await runner.up({ config: { meshName: "service-mesh-renamed" } });
    assert.equal(repaired.counts.create, 1);
    assert.equal(repaired.counts.update, 1);
    assert.deepEqual(
      stored()
        .map((c) => c.name)
        .sort(),
      ["api-client-prod", "service-mesh-renamed"],
    );
  });

  it("destroy leaves the Frontdoor with no client certificates", async () => {
    await runner.destroy();
    assert.deepEqual(stored(), []);
  });
});
