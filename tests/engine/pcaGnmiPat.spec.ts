/**
 * examples/pca-gnmi-pat under the real Pulumi CLI (pca.PersonalAccessToken): the token a secret in
 * the checkpoint, the outputs and the CLI's output; a no-change preview; a new expirationDate and the
 * renewal window replace create-before-delete; refresh drops a PAT deleted in the console and the next
 * up makes a new one; destroy deletes it in Zitadel. (The PAT has no field updated in place but its
 * connection, and no partial create: it is one call.)
 */
import { strict as assert } from "node:assert";
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
  const patIds = () =>
    (sim.inventory().vendors.zitadel.pats as { id: string }[]).map((pat) => pat.id);
  const remember = () => {
    const outputs = revealedOutputs(stack);
    tokens.push(outputs.gnmiToken as string);
    return outputs;
  };

  it("up creates the PAT; a no-change preview follows", async () => {
    const created = keep(await stack.up());
    assert.deepEqual(opsOf(created), { [PAT]: ["create"] });
    assert.deepEqual(patIds(), [remember().gnmiTokenId]);
    assert.deepEqual(keep(await stack.preview({ expectNoChanges: true })).summary, { same: 2 });
  });

  it("a new expirationDate replaces the PAT, the new one created before the old is deleted", async () => {
    const [old] = patIds();
    const expiration = new Date(Date.now() + 40 * DAY_MS).toISOString().replace(/\.\d+Z$/, "Z");
    const rotated = keep(
      await stack.up({ config: { "pca-gnmi-pat:expirationDate": { value: expiration } } }),
    );
    assertCreateBeforeDelete(rotated, PAT);
    const outputs = remember();
    assert.deepEqual(patIds(), [outputs.gnmiTokenId]);
    assert.notEqual(outputs.gnmiTokenId, old);
  });

  it("inside the renewal window (30 days before expiry, clocks moved 11 days) up rotates it", async () => {
    const [old] = patIds();
    const offsetSeconds = 11 * 86_400;
    sim.setClockOffset(offsetSeconds);
    try {
      const renewed = keep(
        await stack.up({ env: { CERTPLANE_CLOCK_OFFSET_SECONDS: String(offsetSeconds) } }),
      );
      assertCreateBeforeDelete(renewed, PAT);
      const outputs = remember();
      assert.deepEqual(patIds(), [outputs.gnmiTokenId]);
      assert.notEqual(outputs.gnmiTokenId, old);
    } finally {
      sim.setClockOffset(0);
    }
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
