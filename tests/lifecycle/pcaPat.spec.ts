/**
 * examples/pca-gnmi-pat through the lifecycle runner against the simulator's Zitadel: create, a
 * no-op second up, refresh after an out-of-band delete (dropped), the next up recreates it, a new
 * expirationDate rotates it (the old PAT deleted), destroy leaves no PAT.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { revealSecrets } from "../../testing";
import { withExample } from "../support/withExample";

describe("examples/pca-gnmi-pat through the lifecycle runner", () => {
  const { sim, runner } = withExample("pca-gnmi-pat", {
    simulator: { vendors: ["pca", "zitadel"] },
  });
  const patIds = () =>
    (sim.inventory().vendors.zitadel.pats as { id: string }[]).map((pat) => pat.id);

  it("creates the PAT as a secret, never plain in state, and a second up changes nothing", async () => {
    const first = await runner.up();
    assert.equal(first.counts.create, 1);
    assert.deepEqual(first.secretOutputs, ["gnmiToken"]);
    assert.deepEqual(patIds(), [first.outputs.gnmiTokenId]);
    assert.equal(
      fs
        .readFileSync(first.stateFile, "utf8")
        .includes(revealSecrets(first.outputs.gnmiToken) as string),
      false,
    );
    assert.equal((await runner.up()).changes, 0);
  });

  it("refresh drops a PAT deleted out of band; the next up creates a new one", async () => {
    const [old] = patIds();
    await sim.action("zitadel", "deletePat", { tokenId: old });
    const refreshed = await runner.refresh();
    assert.equal(refreshed.counts["refresh-removed"], 1);
    const again = await runner.up();
    assert.equal(again.counts.create, 1);
    assert.deepEqual(patIds(), [again.outputs.gnmiTokenId]);
    assert.notEqual(again.outputs.gnmiTokenId, old);
  });

  it("a new expirationDate rotates the PAT: a new one is created and the old one deleted", async () => {
    const [old] = patIds();
    const rotated = await runner.up({ config: { expirationDate: "2098-06-30T00:00:00Z" } });
    assert.equal(rotated.counts.replace, 1);
    assert.deepEqual(patIds(), [rotated.outputs.gnmiTokenId]);
    assert.notEqual(rotated.outputs.gnmiTokenId, old);
  });

  it("destroy deletes the PAT in Zitadel", async () => {
    await runner.destroy();
    assert.deepEqual(patIds(), []);
  });
});
