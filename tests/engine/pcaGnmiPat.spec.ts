/**
 * examples/pca-gnmi-pat under the real Pulumi CLI (pca.PersonalAccessToken with a 90-day
 * `lifetimeHours`, renewed 30 days early): the token a secret in the checkpoint, the outputs and the
 * CLI's output; a no-change preview; inside the renewal window (provider and simulator clocks moved)
 * the PAT is replaced create-before-delete by one whose date is 90 days after that up, and the next
 * preview is clean; a new lifetimeHours replaces; refresh drops a PAT deleted in the console and the
 * next up makes a new one; destroy deletes it in Zitadel. (The PAT has no field updated in place but
 * its connection and window, and no partial create: it is one call.) A date-pinned PAT inside its
 * window failing `pulumi preview` is in ./checkFailures.spec.ts.
 */
import { strict as assert } from "node:assert";
import { formatInstant } from "../../provider/core/instant";
import {
  assertCreateBeforeDelete,
  assertSecretsKept,
  opsOf,
  revealedOutputs,
} from "./support/engine";
import { withEngineExample } from "./support/withEngineExample";

const DAY_MS = 86_400_000;
const PAT = "PcaPersonalAccessToken/gnmi";

describe("engine: examples/pca-gnmi-pat through the Pulumi CLI", function () {
  this.timeout(300_000);
  const { sim, stack, printed, keep } = withEngineExample("pca-gnmi-pat", {
    vendors: ["pca", "zitadel"],
  });
  const tokens: string[] = [];
  const pats = () =>
    (sim.inventory().vendors.zitadel.pats as { id: string; expirationDate: string }[]).map(
      (pat) => [pat.id, formatInstant(pat.expirationDate)],
    );
  const patIds = () => pats().map(([id]) => id);
  const remember = () => {
    const outputs = revealedOutputs(stack);
    tokens.push(outputs.gnmiToken as string);
    return outputs;
  };

  it("up creates the PAT, expiring 90 days on; a no-change preview follows", async () => {
    const before = Date.now();
    const created = keep(await stack.up());
    assert.deepEqual(opsOf(created), { [PAT]: ["create"] });
    const outputs = remember();
    assert.deepEqual(pats(), [[outputs.gnmiTokenId, outputs.gnmiExpires]]);
    const expires = Date.parse(outputs.gnmiExpires as string);
    assert.ok(expires >= Math.floor(before / 1000) * 1000 + 90 * DAY_MS, "expires 90 days on");
    assert.ok(expires <= Date.now() + 90 * DAY_MS, "expires 90 days on");
    assert.deepEqual(keep(await stack.preview({ expectNoChanges: true })).summary, { same: 2 });
  });

  it("inside the renewal window (clocks moved to 29 days before expiry) up renews it to a date 61 days later, create-before-delete; a clean preview follows", async () => {
    const [old, oldExpires] = pats()[0];
    const moved = new Date(Date.parse(oldExpires) - 29 * DAY_MS);
    sim.setClockOffset((moved.getTime() - Date.now()) / 1000);
    try {
      const env = { CERTPLANE_NOW: formatInstant(moved) };
      const renewed = keep(await stack.up({ env }));
      assertCreateBeforeDelete(renewed, PAT);
      const outputs = remember();
      const later = formatInstant(moved.getTime() + 90 * DAY_MS);
      assert.equal(outputs.gnmiExpires, later);
      assert.equal(Date.parse(later) - Date.parse(oldExpires), 61 * DAY_MS);
      assert.deepEqual(pats(), [[outputs.gnmiTokenId, later]]);
      assert.notEqual(outputs.gnmiTokenId, old);
      assert.deepEqual(keep(await stack.preview({ env, expectNoChanges: true })).summary, {
        same: 2,
      });
    } finally {
      sim.setClockOffset(0);
    }
  });

  it("a new lifetimeHours replaces the PAT, the new one created before the old is deleted", async () => {
    const [old] = patIds();
    const rotated = keep(
      await stack.up({ config: { "pca-gnmi-pat:lifetimeHours": { value: "4320" } } }),
    );
    assertCreateBeforeDelete(rotated, PAT);
    const outputs = remember();
    assert.deepEqual(patIds(), [outputs.gnmiTokenId]);
    assert.notEqual(outputs.gnmiTokenId, old);
  });

  it("refresh drops a PAT deleted in the console; the next up creates a new one", async () => {
    const [old] = patIds();
    await sim.action("zitadel", "deletePat", { tokenId: old });
    const refreshed = keep(await stack.refresh());
    assert.deepEqual(refreshed.summary, { same: 1, delete: 1 });
    const healed = keep(await stack.up());
    assert.deepEqual(opsOf(healed), { [PAT]: ["create"] });
    const outputs = remember();
    assert.deepEqual(patIds(), [outputs.gnmiTokenId]);
  });

  it("every token stays a secret: ciphertext in stack export, masked by stack output, never printed", () => {
    assertSecretsKept(stack, {
      secretOutputs: ["gnmiToken"],
      resourceSecrets: { [PAT]: ["token"] },
      secretValues: [...tokens, sim.env.CERTPLANE_PCA_TOKEN],
      printed,
    });
  });

  it("destroy deletes the PAT in Zitadel", async () => {
    assert.deepEqual(keep(await stack.destroy()).summary, { delete: 2 });
    assert.deepEqual(patIds(), []);
  });
});
