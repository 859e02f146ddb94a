/**
 * examples/pca-gnmi-pat through the lifecycle runner against the simulator's Zitadel: create, a
 * no-op second up, refresh after an out-of-band delete (dropped), the next up recreates it; on a
 * moved clock (provider and simulator) inside the renewal window the PAT renews to a later date
 * (its lifetime counted from the renewal) and the next up is a no-op; a new lifetimeHours rotates
 * it (the old PAT deleted); destroy leaves no PAT.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { formatInstant } from "../../provider/core/instant";
import { revealSecrets } from "../../testing";
import { withExample } from "../support/withExample";

const DAY_MS = 86_400_000;

describe("examples/pca-gnmi-pat through the lifecycle runner", () => {
  const { sim, runner } = withExample("pca-gnmi-pat", {
    simulator: { vendors: ["pca", "zitadel"] },
  });
  const pats = () =>
    (sim.inventory().vendors.zitadel.pats as { id: string; expirationDate: string }[]).map(
      (pat) => [pat.id, formatInstant(pat.expirationDate)],
    );
  const patIds = () => pats().map(([id]) => id);

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

  it("inside the renewal window (clocks moved to 29 days before expiry) up renews it to a date 90 days on; the next up is a no-op", async () => {
    const before = runner.state().outputs;
    const expires = Date.parse(before.gnmiExpires as string);
    const moved = new Date(expires - 29 * DAY_MS);
    sim.setClockOffset((moved.getTime() - Date.now()) / 1000);
    try {
      const env = { CERTPLANE_NOW: formatInstant(moved) };
      const renewed = await runner.up({ env });
      assert.equal(renewed.counts.replace, 1);
      const later = formatInstant(moved.getTime() + 90 * DAY_MS);
      assert.equal(renewed.outputs.gnmiExpires, later);
      assert.equal(Date.parse(later) - expires, 61 * DAY_MS);
      assert.deepEqual(pats(), [[renewed.outputs.gnmiTokenId, later]]);
      assert.notEqual(renewed.outputs.gnmiTokenId, before.gnmiTokenId);
      assert.equal((await runner.up({ env })).changes, 0);
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("a new lifetimeHours rotates the PAT: a new one is created and the old one deleted", async () => {
    const [old] = patIds();
    const rotated = await runner.up({ config: { lifetimeHours: "4320" } });
    assert.equal(rotated.counts.replace, 1);
    assert.deepEqual(patIds(), [rotated.outputs.gnmiTokenId]);
    assert.notEqual(rotated.outputs.gnmiTokenId, old);
  });

  it("destroy deletes the PAT in Zitadel", async () => {
    await runner.destroy();
    assert.deepEqual(patIds(), []);
  });
});
