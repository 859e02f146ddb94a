/**
 * `CertificateRequest.rotateAfterHours` through the native plugin's front door (gRPC, as the engine
 * speaks it): a key created by a plugin whose clock reads CREATED carries `keyCreatedAt`; a plugin
 * whose clock reads 1440 hours later answers Diff with a replacement naming `keyCreatedAt`,
 * create-before-delete, for a key asked to rotate at 1440 hours, and no change for one that is not
 * asked to rotate or is asked for more hours. (Check's failures for the setting are in
 * ./checkFailures.spec.ts, from the shared table.) `npm run build` first.
 */
import { strict as assert } from "node:assert";
import type { WireObject } from "../../testing/wire";
import { nativeRef, withPlugin } from "./support/withPlugin";

const CREATED = "2030-01-01T00:00:00Z";
const DUE = "2030-03-02T00:00:00Z"; // CREATED + 1440 hours
const TOKEN = "certplane:index:CertificateRequest";

describe("native plugin: CertificateRequest key rotation over gRPC, on moved clocks", function () {
  this.timeout(60_000);
  const then = withPlugin({ env: () => ({ CERTPLANE_NOW: CREATED }) });
  const later = withPlugin({ env: () => ({ CERTPLANE_NOW: DUE }) });

  /** Checks and creates `news` with the plugin at CREATED; the id, inputs and outputs. */
  async function created(name: string, news: WireObject) {
    const ref = nativeRef(TOKEN, name);
    const checked = await then.client.check(ref, {}, news);
    assert.deepEqual(checked.failures, []);
    const { id, outputs } = await then.client.create(ref, checked.inputs);
    return { ref, id, inputs: checked.inputs, outputs };
  }

  it("create records keyCreatedAt from the plugin's clock and echoes rotateAfterHours", async () => {
    const { outputs } = await created("recorded", {
      subject: { commonName: "svc" },
      rotateAfterHours: 1440,
    });
    assert.equal(outputs.keyCreatedAt, CREATED);
    assert.equal(outputs.rotateAfterHours, 1440);
  });

  it("at rotateAfterHours, Diff replaces naming keyCreatedAt, create-before-delete", async () => {
    const { ref, id, inputs, outputs } = await created("rotating", {
      subject: { commonName: "svc" },
      rotateAfterHours: 1440,
    });
    const checked = await later.client.check(ref, inputs, inputs);
    assert.deepEqual(await later.client.diff(ref, id, outputs, checked.inputs, inputs, []), {
      changes: "some",
      replaces: ["keyCreatedAt"],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await then.client.diff(ref, id, outputs, checked.inputs, inputs, []), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("without the setting, or with more hours, the same key at the same age is no change", async () => {
    for (const [name, extra] of [
      ["never", {}],
      ["longer", { rotateAfterHours: 1441 }],
    ] as const) {
      const { ref, id, inputs, outputs } = await created(name, {
        subject: { commonName: "svc" },
        ...extra,
      });
      assert.deepEqual(await later.client.diff(ref, id, outputs, inputs, inputs, []), {
        changes: "none",
        replaces: [],
        deleteBeforeReplace: false,
      });
    }
  });
});
