/**
 * The Zitadel simulator against seed 001's command lines (users/me, then create a PAT) and the
 * management API's PAT get/search/delete, with gRPC-gateway errors (numeric `code`).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { withScratchDir } from "../support/withScratchDir";
import { withSimulator } from "../support/withSimulator";
import { command, request, type Answer } from "../support/request";

describe("simulator: Zitadel (seed 001)", () => {
  const sim = withSimulator({ vendors: ["zitadel"] });
  const caFile = withScratchDir("certplane-sim-zitadel-").file("ca.pem");
  let url: string;
  let token: string;

  before(() => {
    fs.writeFileSync(caFile, sim.caCertPem);
    url = sim.env.CERTPLANE_ZITADEL_URL;
    token = sim.env.CERTPLANE_ZITADEL_TOKEN;
  });

  const call = (
    method: string,
    pathname: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    request(`${url}${pathname}`, {
      method,
      ca: sim.caCertPem,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const grpcCode = (answer: Answer) => (JSON.parse(answer.body) as { code: number }).code;

  it("seed 001 option B: users/me, then a PAT for that user, as written", async () => {
    const me = JSON.parse(
      await command("curl", [
        "-s",
        "--cacert",
        caFile,
        "-X",
        "GET",
        `${url}/auth/v1/users/me`,
        "-H",
        `Authorization: Bearer ${token}`,
        "-H",
        "Content-Type: application/json",
      ]),
    ) as {
      user: { id: string; userName: string; machine?: unknown; details: { resourceOwner: string } };
    };
    assert.equal(me.user.userName, "certplane-automation");
    assert.ok(me.user.machine, "the API token's owner is a machine user");
    assert.equal(me.user.details.resourceOwner, sim.credentials.zitadel.orgId);

    const created = JSON.parse(
      await command("curl", [
        "-s",
        "--cacert",
        caFile,
        "-X",
        "POST",
        `${url}/management/v1/users/${me.user.id}/pats`,
        "-H",
        `Authorization: Bearer ${token}`,
        "-H",
        "Content-Type: application/json",
        "-d",
        '{\n"expirationDate": "2099-12-31T23:59:59Z"\n}',
      ]),
    ) as { tokenId: string; token: string; details: { resourceOwner: string } };
    assert.match(created.tokenId, /^\d{18}$/);
    assert.match(created.token, /^[A-Za-z0-9_-]{43}$/);

    const got = await call("GET", `/management/v1/users/${me.user.id}/pats/${created.tokenId}`);
    assert.equal(got.status, 200);
    const shown = JSON.parse(got.body) as { token: Record<string, unknown> };
    assert.equal(shown.token.id, created.tokenId);
    assert.equal(shown.token.expirationDate, "2099-12-31T23:59:59.000Z");
    assert.equal(got.body.includes(created.token), false, "the secret is shown only once");

    const search = JSON.parse(
      (await call("POST", `/management/v1/users/${me.user.id}/pats/_search`, {})).body,
    ) as {
      details: { totalResult: string };
      result: { id: string }[];
    };
    assert.equal(search.details.totalResult, "1");
    assert.deepEqual(
      search.result.map((pat) => pat.id),
      [created.tokenId],
    );

    // The PAT authenticates like the token that created it.
    const asPat = await request(`${url}/auth/v1/users/me`, {
      ca: sim.caCertPem,
      headers: { Authorization: `Bearer ${created.token}` },
    });
    assert.equal(asPat.status, 200);

    const deleted = await call(
      "DELETE",
      `/management/v1/users/${me.user.id}/pats/${created.tokenId}`,
    );
    assert.equal(deleted.status, 200);
    const again = await call(
      "DELETE",
      `/management/v1/users/${me.user.id}/pats/${created.tokenId}`,
    );
    assert.equal(again.status, 404);
    assert.equal(grpcCode(again), 5);
  });

  it("answers with gRPC codes: 16 unauthenticated, 9 human user, 3 bad or past date, 5 unknown user or org", async () => {
    const machine = sim.credentials.zitadel.machineUserId;
    const human = sim.credentials.zitadel.humanUserId;
    const noAuth = await request(`${url}/auth/v1/users/me`, { ca: sim.caCertPem });
    assert.deepEqual([noAuth.status, grpcCode(noAuth)], [401, 16]);

    const forHuman = await call("POST", `/management/v1/users/${human}/pats`, {
      expirationDate: "2099-01-01T00:00:00Z",
    });
    assert.deepEqual([forHuman.status, grpcCode(forHuman)], [400, 9]);
    assert.match(JSON.parse(forHuman.body).message, /only available for machine users/);

    const badDate = await call("POST", `/management/v1/users/${machine}/pats`, {
      expirationDate: "tomorrow",
    });
    assert.deepEqual([badDate.status, grpcCode(badDate)], [400, 3]);
    const past = await call("POST", `/management/v1/users/${machine}/pats`, {
      expirationDate: "2001-01-01T00:00:00Z",
    });
    assert.deepEqual([past.status, grpcCode(past)], [400, 3]);

    const unknownUser = await call("POST", "/management/v1/users/123456789012345678/pats", {});
    assert.deepEqual([unknownUser.status, grpcCode(unknownUser)], [404, 5]);
    const otherOrg = await call(
      "POST",
      `/management/v1/users/${machine}/pats`,
      {},
      { "x-zitadel-orgid": "999" },
    );
    assert.deepEqual([otherOrg.status, grpcCode(otherOrg)], [404, 5]);
    const ownOrg = await call(
      "POST",
      `/management/v1/users/${machine}/pats`,
      {},
      {
        "x-zitadel-orgid": sim.credentials.zitadel.orgId,
      },
    );
    assert.equal(ownOrg.status, 200);
  });

  it("deletePat action removes a PAT out of band (an administrator in the console)", async () => {
    const machine = sim.credentials.zitadel.machineUserId;
    const created = JSON.parse(
      (await call("POST", `/management/v1/users/${machine}/pats`, {})).body,
    ) as { tokenId: string };
    assert.deepEqual(await sim.action("zitadel", "deletePat", { tokenId: created.tokenId }), {
      deleted: created.tokenId,
    });
    const got = await call("GET", `/management/v1/users/${machine}/pats/${created.tokenId}`);
    assert.deepEqual([got.status, grpcCode(got)], [404, 5]);
  });
});
