/**
 * The runner's state checkpoints are coalesced: many steps finishing close together cost one write,
 * and nothing pending is lost when the run settles. (Writing the whole file per step made a
 * 1,000-resource up quadratic: 54 s; coalesced: 16 s — `npm run bench -- state`.)
 */
import { strict as assert } from "node:assert";
import { CHECKPOINT_INTERVAL_MS, RunContext } from "../../testing/runContext";
import type { RunSettings } from "../../testing/runnerSettings";
import { emptyStackState } from "../../testing/stackState";
import type { StateStore } from "../../testing/stateStore";

function contextWithCountingStore(preview: boolean) {
  const saves: number[] = [];
  const store = {
    save: () => {
      saves.push(Date.now());
      return "state.json";
    },
    fileOf: () => "state.json",
  } as unknown as StateStore;
  const settings = { preview, parallel: 4 } as unknown as RunSettings;
  const ctx = new RunContext(settings, store, emptyStackState("p", "s"));
  return { ctx, saves };
}

describe("runner checkpoints", () => {
  it("coalesces a burst of checkpoints into one write after the interval", async () => {
    const { ctx, saves } = contextWithCountingStore(false);
    for (let i = 0; i < 100; i++) ctx.checkpoint();
    assert.equal(saves.length, 0);
    await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_INTERVAL_MS + 50));
    assert.equal(saves.length, 1);
  });

  it("writes pending changes when the run closes, and nothing when there are none", async () => {
    const { ctx, saves } = contextWithCountingStore(false);
    ctx.checkpoint();
    await ctx.close();
    assert.equal(saves.length, 1);
    await ctx.close();
    assert.equal(saves.length, 1);
  });

  it("never writes during a preview", async () => {
    const { ctx, saves } = contextWithCountingStore(true);
    ctx.checkpoint();
    await ctx.close();
    assert.equal(saves.length, 0);
  });
});
