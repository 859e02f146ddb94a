/**
 * pca.PersonalAccessToken hooks against the simulator's Zitadel (seed 001): create for the caller,
 * the token works (also for PCA's sign-csr), refresh after an out-of-band delete, delete twice,
 * rotation by the renewal window, a human user refused clearly, the token's source on 401.
 */
import { strict as assert } from "node:assert";
import { fixedClock, setClock } from "../../../provider/core/clock";
import { destroyAgents } from "../../../provider/core/tlsAgent";
import {
  check,
  create,
  diff,
  read,
  remove,
  update,
  type PersonalAccessTokenOutputs,
} from "../../../provider/pca/personalAccessToken";
import type { PersonalAccessTokenInputs } from "../../../provider/pca/personalAccessTokenInputs";
import { resolveZitadelConnection } from "../../../provider/pca/zitadelConnection";
import { request } from "../../support/request";
import { pickEnv, whileEnv, withEnv } from "../../support/withEnv";
import { withSimulator } from "../../support/withSimulator";
import { failure } from "../../support/failure";

const ENV_KEYS = [
  "CERTPLANE_PCA_URL",
  "CERTPLANE_PCA_TOKEN",
  "CERTPLANE_PCA_CA_CERT_PEM",
  "CERTPLANE_ZITADEL_URL",
  "CERTPLANE_ZITADEL_TOKEN",
  "CERTPLANE_ZITADEL_CA_CERT_PEM",
];

describe("pca.PersonalAccessToken hooks against the simulator's Zitadel", () => {
  const sim = withSimulator({ vendors: ["pca", "zitadel"] });
  withEnv(() => pickEnv(sim.env, ENV_KEYS));
  after(() => destroyAgents());

  const inputsWith = async (extra: Record<string, unknown> = {}) => {
    const { inputs, failures } = await check(
      {},
      { expirationDate: "2099-12-31T23:59:59Z", ...extra },
    );
    assert.deepEqual(failures, []);
    return inputs as unknown as PersonalAccessTokenInputs;
  };
  const pats = () => sim.inventory().vendors.zitadel.pats as { id: string }[];

  it("check: expirationDate must be RFC 3339 (normalized to UTC); ids must be Zitadel ids", async () => {
    const ok = await inputsWith({ expirationDate: "2099-12-31T23:59:59+02:00" });
    assert.equal(ok.expirationDate, "2099-12-31T21:59:59Z");
    const { failures } = await check({}, { expirationDate: "next year", userId: "a b" });
    assert.deepEqual(
      failures.map((f) => f.property),
      ["expirationDate", "userId"],
    );
  });

  it("create makes a PAT for the caller (users/me); the token authenticates to Zitadel", async () => {
    const { id, outs } = await create((await inputsWith()) as never);
    const o = outs as PersonalAccessTokenOutputs;
    assert.equal(id, o.tokenId);
    assert.equal(o.userId, sim.credentials.zitadel.machineUserId);
    assert.equal(o.expirationDate, "2099-12-31T23:59:59Z");
    assert.ok(pats().some((pat) => pat.id === id));
    const me = await request(`${sim.env.CERTPLANE_ZITADEL_URL}/auth/v1/users/me`, {
      ca: sim.caCertPem,
      headers: { Authorization: `Bearer ${o.token}` },
    });
    assert.equal(me.status, 200);
    await remove(id, o);
  });

  it("refresh of a PAT deleted out of band reads as gone; delete treats not-found as done", async () => {
    const { id, outs } = await create((await inputsWith()) as never);
    assert.deepEqual(
      Object.keys((await read(id, outs as never)).props ?? {}).includes("token"),
      true,
    );
    await sim.action("zitadel", "deletePat", { tokenId: id });
    assert.deepEqual(await read(id, outs as never), {});
    await remove(id, outs as PersonalAccessTokenOutputs);
  });

  it("diff: the renewal window and a new expirationDate replace; connection updates with no call", async () => {
    const inputs = await inputsWith({
      expirationDate: "2030-01-01T00:00:00Z",
      earlyRenewalHours: 48,
    });
    const { id, outs } = await create(inputs as never);
    const olds = outs as PersonalAccessTokenOutputs;
    assert.equal(
      (await diff(id, olds, inputs)).changes,
      false,
      "an omitted userId is not a change",
    );
    assert.deepEqual(
      (await diff(id, olds, { ...inputs, expirationDate: "2031-01-01T00:00:00.000Z" })).replaces,
      ["expirationDate"],
    );
    const restore = setClock(fixedClock("2029-12-30T12:00:00Z"));
    try {
      assert.deepEqual((await diff(id, olds, inputs)).replaces, ["expirationDate"]);
    } finally {
      restore();
    }
    const calls = sim.countOf({ vendor: "zitadel" });
    const conn = await diff(id, olds, { ...inputs, connection: { timeoutSeconds: 10 } });
    assert.deepEqual([conn.changes, conn.replaces], [true, []]);
    const { outs: updated } = await update(id, olds, {
      ...inputs,
      connection: { timeoutSeconds: 10 },
    });
    assert.equal((updated as PersonalAccessTokenOutputs).token, olds.token);
    assert.equal(sim.countOf({ vendor: "zitadel" }), calls, "update makes no Zitadel call");
    await remove(id, olds);
  });

  it("a human user gets a clear error saying PATs need a machine user", async () => {
    const error = await failure(
      create((await inputsWith({ userId: sim.credentials.zitadel.humanUserId })) as never),
    );
    assert.match(error.message, /PATs can only be created for machine users \(service accounts\)/);
  });

  it("a past expirationDate fails at check (by the provider clock), so preview reports it", async () => {
    const restore = setClock(fixedClock("2030-06-01T00:00:00Z"));
    try {
      const past = await check({}, { expirationDate: "2030-05-31T23:59:59Z" });
      assert.deepEqual(past.failures, [
        {
          property: "expirationDate",
          reason:
            'expirationDate must be in the future (now is 2030-06-01T00:00:00Z); got "2030-05-31T23:59:59Z". Give a later RFC 3339 timestamp, or use lifetimeHours.',
        },
      ]);
      assert.equal(past.inputs.expirationDate, "2030-05-31T23:59:59Z", "the value given is kept");
      const next = await check({}, { expirationDate: "2030-06-01T00:00:01Z" });
      assert.deepEqual(next.failures, []);
    } finally {
      restore();
    }
  });

  it("create still refuses a date that passed after check", async () => {
    const checked = await inputsWith({ expirationDate: "2030-01-01T00:00:00Z" });
    const restore = setClock(fixedClock("2030-01-01T00:00:00Z"));
    try {
      const error = await failure(create(checked as never));
      assert.equal(
        error.message,
        "expirationDate 2030-01-01T00:00:00Z is not in the future; give a later RFC 3339 timestamp, or use lifetimeHours.",
      );
    } finally {
      restore();
    }
  });

  it("401 names the token's source and never the token", async () => {
    const error = await failure(
      create((await inputsWith({ connection: { token: "stale-token-value" } })) as never),
    );
    assert.match(
      error.message,
      /The Zitadel token was taken from (the )?resource argument connection\.token/,
    );
    assert.equal(error.message.includes("stale-token-value"), false);
  });

  it("without Zitadel settings the connection falls back to the PCA host on port 3443 and PCA's token", () =>
    whileEnv({ CERTPLANE_ZITADEL_URL: undefined, CERTPLANE_ZITADEL_TOKEN: undefined }, async () => {
      const conn = resolveZitadelConnection(undefined);
      const pcaUrl = new URL(sim.env.CERTPLANE_PCA_URL);
      assert.equal(conn.fields.url.value, `https://${pcaUrl.hostname}:3443`);
      assert.equal(conn.fields.token.value, sim.env.CERTPLANE_PCA_TOKEN);
    }));
});
