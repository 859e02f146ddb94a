/**
 * pca.PersonalAccessToken's lifetime (issue 24, item 3), hooks against the simulator's Zitadel with
 * the provider clock fixed: a relative `lifetimeHours` whose date is computed at create and kept in
 * state (a renewal gets a later date, an unchanged program diffs as no change), and a fixed
 * `expirationDate` already inside its renewal window refused at check (it was renewed on every up
 * into another PAT of the same date, and created already readyForRenewal).
 */
import { strict as assert } from "node:assert";
import { destroyAgents } from "../../../provider/core/tlsAgent";
import {
  check,
  create,
  diff,
  remove,
  update,
  type PersonalAccessTokenOutputs,
} from "../../../provider/pca/personalAccessToken";
import type { PersonalAccessTokenInputs } from "../../../provider/pca/personalAccessTokenInputs";
import { pickEnv, withEnv } from "../../support/withEnv";
import { withSimulator } from "../../support/withSimulator";
import { atInstant } from "../../support/atInstant";

const ENV_KEYS = [
  "CERTPLANE_ZITADEL_URL",
  "CERTPLANE_ZITADEL_TOKEN",
  "CERTPLANE_ZITADEL_CA_CERT_PEM",
];
const NOW = "2030-06-01T00:00:00Z";

describe("pca.PersonalAccessToken lifetime: relative renewal, and no date-pinned PAT inside its window", () => {
  const sim = withSimulator({ vendors: ["pca", "zitadel"] });
  withEnv(() => pickEnv(sim.env, ENV_KEYS));
  after(() => destroyAgents());

  const checked = async (news: Record<string, unknown>) => {
    const { inputs, failures } = await check({}, news);
    assert.deepEqual(failures, []);
    return inputs as unknown as PersonalAccessTokenInputs;
  };
  const zitadelPats = () =>
    (sim.inventory().vendors.zitadel.pats as { id: string; expirationDate: string }[]).map(
      (pat) => [pat.id, pat.expirationDate],
    );

  it("failing case (regression): a fixed expirationDate inside its renewal window fails check, naming both fields and the fix", () =>
    atInstant(NOW, async () => {
      const { failures, inputs } = await check(
        {},
        { expirationDate: "2030-06-20T00:00:00Z", earlyRenewalHours: 720 },
      );
      assert.deepEqual(failures, [
        {
          property: "expirationDate",
          reason:
            'expirationDate "2030-06-20T00:00:00Z" is already inside its renewal window: earlyRenewalHours 720 opens it at 2030-05-21T00:00:00Z and now is 2030-06-01T00:00:00Z, so every up would replace the PAT with another of the same date. Use lifetimeHours (hours from creation: each renewal gets a later date), or give a later expirationDate, or an earlyRenewalHours of at most 455.',
        },
      ]);
      assert.equal(inputs.expirationDate, "2030-06-20T00:00:00Z", "the value given is kept");
      // The window the message offers fits (it opens an hour from now); one hour more does not.
      await checked({ expirationDate: "2030-06-20T00:00:00Z", earlyRenewalHours: 455 });
      const wider = await check(
        {},
        { expirationDate: "2030-06-20T00:00:00Z", earlyRenewalHours: 456 },
      );
      assert.deepEqual(
        wider.failures.map((f) => f.property),
        ["expirationDate"],
      );
    }));

  it("failing case (regression): a date-pinned PAT whose window opened is refused at the next check, not renewed into the same date", async () => {
    const inputs = await atInstant(NOW, () =>
      checked({ expirationDate: "2030-07-01T00:00:00Z", earlyRenewalHours: 24 }),
    );
    const { id, outs } = await atInstant(NOW, () => create(inputs as never));
    const olds = outs as PersonalAccessTokenOutputs;
    assert.equal(olds.readyForRenewal, false);
    const inWindow = "2030-06-30T00:00:00Z";
    // diff alone would replace it (renewal due) — with a PAT of the very same date, on every up:
    assert.deepEqual((await atInstant(inWindow, () => diff(id, olds, inputs))).replaces, [
      "expirationDate",
    ]);
    // … so check stops that up first, saying what to do.
    const next = await atInstant(inWindow, () =>
      check({}, { expirationDate: "2030-07-01T00:00:00Z", earlyRenewalHours: 24 }),
    );
    assert.deepEqual(next.failures, [
      {
        property: "expirationDate",
        reason:
          'expirationDate "2030-07-01T00:00:00Z" is already inside its renewal window: earlyRenewalHours 24 opens it at 2030-06-30T00:00:00Z and now is 2030-06-30T00:00:00Z, so every up would replace the PAT with another of the same date. Use lifetimeHours (hours from creation: each renewal gets a later date), or give a later expirationDate, or an earlyRenewalHours of at most 23.',
      },
    ]);
    await remove(id, olds);
  });

  it("lifetimeHours: the date is creation + lifetime by the provider clock, kept in state; an unchanged program is no change", () =>
    atInstant(NOW, async () => {
      const inputs = await checked({ lifetimeHours: 48, earlyRenewalHours: 24 });
      assert.deepEqual(inputs, { earlyRenewalHours: 24, lifetimeHours: 48 });
      const { id, outs } = await create(inputs as never);
      const o = outs as PersonalAccessTokenOutputs;
      assert.equal(o.expirationDate, "2030-06-03T00:00:00Z");
      assert.equal(o.lifetimeHours, 48);
      assert.equal(o.readyForRenewal, false);
      assert.deepEqual(zitadelPats(), [[id, "2030-06-03T00:00:00.000Z"]]);
      assert.deepEqual(await diff(id, o, inputs), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      await remove(id, o);
    }));

  it("lifetimeHours on a moved clock: the window replaces it and the new PAT expires later", async () => {
    const inputs = await atInstant(NOW, () =>
      checked({ lifetimeHours: 48, earlyRenewalHours: 24 }),
    );
    const first = await atInstant(NOW, () => create(inputs as never));
    const olds = first.outs as PersonalAccessTokenOutputs;
    assert.equal(
      (await atInstant("2030-06-01T23:59:59Z", () => diff(first.id, olds, inputs))).changes,
      false,
    );
    const renewalAt = "2030-06-02T00:00:00Z";
    assert.deepEqual((await atInstant(renewalAt, () => diff(first.id, olds, inputs))).replaces, [
      "expirationDate",
    ]);
    // The engine creates the replacement (create before delete), then deletes the old one.
    const again = await atInstant(renewalAt, async () =>
      create((await checked(inputs as never)) as never),
    );
    const renewed = again.outs as PersonalAccessTokenOutputs;
    assert.equal(renewed.expirationDate, "2030-06-04T00:00:00Z");
    assert.notEqual(again.id, first.id);
    await remove(first.id, olds);
    assert.deepEqual(zitadelPats(), [[again.id, "2030-06-04T00:00:00.000Z"]]);
    assert.equal(
      (await atInstant(renewalAt, () => diff(again.id, renewed, inputs))).changes,
      false,
    );
    await remove(again.id, renewed);
  });

  it("failing cases: exactly one of expirationDate and lifetimeHours; lifetimeHours a whole number from 1 to 876000; earlyRenewalHours below it", () =>
    atInstant(NOW, async () => {
      const reasons = async (news: Record<string, unknown>) =>
        (await check({}, news)).failures.map((f) => `${f.property}: ${f.reason}`);
      assert.deepEqual(await reasons({}), [
        "expirationDate: Give exactly one of lifetimeHours (hours from creation: each renewal gets a later date) or expirationDate (one fixed RFC 3339 date); neither was set.",
      ]);
      assert.deepEqual(
        await reasons({ expirationDate: "2031-01-01T00:00:00Z", lifetimeHours: 720 }),
        [
          'lifetimeHours: expirationDate and lifetimeHours are exclusive; got expirationDate "2031-01-01T00:00:00Z" and lifetimeHours 720. Give lifetimeHours (hours from creation: each renewal gets a later date) or expirationDate (one fixed date), not both.',
        ],
      );
      assert.deepEqual(await reasons({ lifetimeHours: 0 }), [
        "lifetimeHours: lifetimeHours must be a whole number from 1 to 876000; got 0.",
      ]);
      assert.deepEqual(await reasons({ lifetimeHours: 1.5 }), [
        "lifetimeHours: lifetimeHours must be a whole number from 1 to 876000; got 1.5.",
      ]);
      assert.deepEqual(await reasons({ lifetimeHours: 720, earlyRenewalHours: 720 }), [
        "earlyRenewalHours: earlyRenewalHours must be smaller than lifetimeHours 720; got 720: the PAT would be created inside its renewal window and replaced on every up. Give an earlyRenewalHours below 720, or a longer lifetimeHours.",
      ]);
      await checked({ lifetimeHours: 720, earlyRenewalHours: 719 });
    }));

  it("during preview an unknown lifetimeHours or earlyRenewalHours is passed through, never failed", () =>
    atInstant(NOW, async () => {
      const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      const a = await check({}, { lifetimeHours: unknown, earlyRenewalHours: 24 });
      assert.deepEqual([a.failures, a.inputs.lifetimeHours], [[], unknown]);
      const b = await check({}, { lifetimeHours: 48, earlyRenewalHours: unknown });
      assert.deepEqual(b.failures, []);
      const c = await check(
        {},
        { expirationDate: "2030-06-02T00:00:00Z", earlyRenewalHours: unknown },
      );
      assert.deepEqual(c.failures, []);
      const d = await check({}, { expirationDate: unknown, lifetimeHours: 48 });
      assert.deepEqual(d.failures, []);
    }));

  it("diff: a switch between a fixed date and a lifetime, or a new lifetime, replaces; state written before lifetimeHours reads with no diff", async () => {
    const earlier = {
      expirationDate: "2099-12-31T23:59:59.000Z",
      earlyRenewalHours: 720,
      userId: "machine-1",
      tokenId: "pat-1",
      token: "secret",
      readyForRenewal: false,
      schemaVersion: 1,
    } as PersonalAccessTokenOutputs;
    const fixed = await checked({ expirationDate: "2099-12-31T23:59:59Z", earlyRenewalHours: 720 });
    assert.equal((await diff("pat-1", earlier, fixed)).changes, false);
    const relative = await checked({ lifetimeHours: 2160, earlyRenewalHours: 720 });
    assert.deepEqual((await diff("pat-1", earlier, relative)).replaces, ["lifetimeHours"]);
    const computed = { ...earlier, expirationDate: "2030-08-30T00:00:00Z", lifetimeHours: 2160 };
    assert.equal((await diff("pat-1", computed, relative)).changes, false);
    assert.deepEqual((await diff("pat-1", computed, fixed)).replaces, [
      "expirationDate",
      "lifetimeHours",
    ]);
    const longer = await checked({ lifetimeHours: 4320, earlyRenewalHours: 720 });
    assert.deepEqual((await diff("pat-1", computed, longer)).replaces, ["lifetimeHours"]);
  });

  it("update (a new earlyRenewalHours) keeps the computed date and makes no Zitadel call", () =>
    atInstant(NOW, async () => {
      const inputs = await checked({ lifetimeHours: 48, earlyRenewalHours: 24 });
      const { id, outs } = await create(inputs as never);
      const olds = outs as PersonalAccessTokenOutputs;
      const calls = sim.countOf({ vendor: "zitadel" });
      const wider = await checked({ lifetimeHours: 48, earlyRenewalHours: 12 });
      assert.deepEqual(await diff(id, olds, wider), {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
      const updated = (await update(id, olds, wider as never)).outs as PersonalAccessTokenOutputs;
      assert.equal(updated.expirationDate, "2030-06-03T00:00:00Z");
      assert.equal(updated.earlyRenewalHours, 12);
      assert.equal(sim.countOf({ vendor: "zitadel" }), calls);
      await remove(id, olds);
    }));
});
