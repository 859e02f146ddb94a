/**
 * The NetFoundry simulator against seed 004's curl command lines (`--cacert` instead of none, the
 * simulator's URL for gateway.production.netfoundry.io): list, get, create by upload and from a CSR
 * (issuer, KU and EKU checked with openssl), PATCH, PUT, DELETE, paging in both shapes, the errors,
 * and the OAuth client-credentials token endpoint.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { newKeyAndCsr } from "../support/openssl";
import { command, request } from "../support/request";
import { netfoundryTokenRequest } from "../support/sessions";
import { selfSignedCertificate } from "../support/testCa";
import { withScratchDir } from "../support/withScratchDir";
import { withSimulator } from "../support/withSimulator";

describe("simulator: NetFoundry Frontdoor (seed 004)", () => {
  const sim = withSimulator({ vendors: ["netfoundry"] });
  const { file } = withScratchDir("certplane-sim-nf-");
  let base: string;
  let token: string;

  before(() => {
    fs.writeFileSync(file("ca.pem"), sim.caCertPem);
    base = `${sim.env.CERTPLANE_NETFOUNDRY_URL}/frontdoor/${sim.env.CERTPLANE_NETFOUNDRY_FRONTDOOR_ID}/client-certificates`;
    token = sim.env.CERTPLANE_NETFOUNDRY_TOKEN;
    fs.writeFileSync(file("upload.pem"), selfSignedCertificate("api-client-prod").certPem);
    const generated = newKeyAndCsr("/O=access360/OU=engineering/CN=ntagent", "rsa:2048");
    fs.writeFileSync(file("gen.csr"), generated.csrPem);
  });

  const curlJson = async (args: string[]) =>
    JSON.parse(await command("curl", ["-s", "--cacert", file("ca.pem"), ...args])) as Record<
      string,
      unknown
    >;
  const auth = () => ["-H", `Authorization: Bearer ${token}`, "-H", "Accept: application/json"];
  const create = (name: string, valueFile: string) =>
    curlJson([
      "-X",
      "POST",
      ...auth(),
      "-H",
      "Content-Type: application/json",
      "-d",
      JSON.stringify({ name, value: fs.readFileSync(file(valueFile), "utf8") }),
      base,
    ]);

  it("creates by upload and from a CSR, lists (sorted, paged), gets with value", async () => {
    const uploaded = await create("uploaded-client-cert", "upload.pem");
    assert.deepEqual(Object.keys(uploaded).sort(), [
      "createdAt",
      "createdBy",
      "frontdoorId",
      "id",
      "name",
    ]);
    assert.match(uploaded.id as string, /^cert-[0-9a-f-]{36}$/);
    assert.equal(uploaded.frontdoorId, sim.env.CERTPLANE_NETFOUNDRY_FRONTDOOR_ID);
    const generated = await create("generated-client-cert", "gen.csr");

    const list = await curlJson([...auth(), `${base}?page=0&size=20&sort=name,asc`]);
    assert.deepEqual(
      (list.content as { name: string }[]).map((c) => c.name),
      ["generated-client-cert", "uploaded-client-cert"],
    );
    assert.deepEqual(list.pageable, { pageNumber: 0, pageSize: 20 });
    assert.deepEqual([list.totalElements, list.totalPages], [2, 1]);
    const second = await curlJson([...auth(), `${base}?page=1&size=1&sort=name,asc`]);
    assert.deepEqual(
      (second.content as { name: string }[]).map((c) => c.name),
      ["uploaded-client-cert"],
    );
    const hal = JSON.parse(
      (
        await request(`${base}?page=0&size=1&sort=name,desc`, {
          ca: sim.caCertPem,
          headers: { Authorization: `Bearer ${token}`, Accept: "application/hal+json" },
        })
      ).body,
    ) as {
      _embedded: { clientCertificates: { name: string }[] };
      page: Record<string, number>;
    };
    assert.deepEqual(
      hal._embedded.clientCertificates.map((c) => c.name),
      ["uploaded-client-cert"],
    );
    assert.deepEqual(hal.page, { size: 1, totalElements: 2, totalPages: 2, number: 0 });

    const got = await curlJson([...auth(), `${base}/${uploaded.id as string}`]);
    assert.equal(got.value, fs.readFileSync(file("upload.pem"), "utf8"));

    const signed = await curlJson([...auth(), `${base}/${generated.id as string}`]);
    fs.writeFileSync(file("signed.pem"), signed.value as string);
    const text = await command("openssl", ["x509", "-in", file("signed.pem"), "-noout", "-text"]);
    assert.match(
      text,
      /Issuer: C ?= ?US, ST ?= ?NC, L ?= ?Charlotte, O ?= ?NetFoundry, CN ?= ?NetFoundry/,
    );
    assert.match(text, /X509v3 Extended Key Usage: *\n *TLS Web Server Authentication\n/);
    assert.match(
      text,
      /X509v3 Key Usage: critical\n *Digital Signature, Certificate Sign, CRL Sign\n/,
    );
    assert.match(text, /Subject: O ?= ?access360, OU ?= ?engineering, CN ?= ?ntagent/);
    const dates = await command("openssl", [
      "x509",
      "-in",
      file("signed.pem"),
      "-noout",
      "-startdate",
      "-enddate",
    ]);
    const [start, end] = dates
      .trim()
      .split("\n")
      .map((line) => Date.parse(line.split("=")[1]));
    assert.equal((end - start) / 86_400_000, 365);
    fs.writeFileSync(
      file("nfca.pem"),
      sim.inventory().vendors.netfoundry.issuingCaCertPem as string,
    );
    assert.equal(
      (
        await command("openssl", [
          "verify",
          "-CAfile",
          file("nfca.pem"),
          "-purpose",
          "any",
          file("signed.pem"),
        ])
      ).trim(),
      `${file("signed.pem")}: OK`,
    );
  });

  it("PATCH renames, PUT replaces name and value, DELETE answers with deletedAt/deletedBy", async () => {
    const created = await create("api-client-prod", "upload.pem");
    const id = created.id as string;
    const patched = await curlJson([
      "-X",
      "PATCH",
      ...auth(),
      "-H",
      "Content-Type: application/json",
      "-d",
      '{"name": "updated-client-cert-name"}',
      `${base}/${id}`,
    ]);
    assert.equal(patched.name, "updated-client-cert-name");
    const put = await curlJson([
      "-X",
      "PUT",
      ...auth(),
      "-H",
      "Content-Type: application/json",
      "-d",
      JSON.stringify({
        name: "fully-updated-client-cert",
        value: fs.readFileSync(file("upload.pem"), "utf8"),
      }),
      `${base}/${id}`,
    ]);
    assert.equal(put.name, "fully-updated-client-cert");
    const deleted = await curlJson(["-X", "DELETE", ...auth(), `${base}/${id}`]);
    assert.deepEqual(Object.keys(deleted).sort(), [
      "deletedAt",
      "deletedBy",
      "frontdoorId",
      "id",
      "name",
    ]);
    assert.deepEqual(
      [deleted.id, deleted.name, deleted.deletedBy],
      [id, "fully-updated-client-cert", "api-account"],
    );
  });

  it("answers the seed's errors: 400 invalid_request, 401 unauthorized, 403 unknown Frontdoor, 404 unknown id", async () => {
    const bad = await request(base, {
      method: "POST",
      ca: sim.caCertPem,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x", value: "not a pem" }),
    });
    assert.deepEqual([bad.status, JSON.parse(bad.body).error], [400, "invalid_request"]);
    const noAuth = await request(base, { ca: sim.caCertPem });
    assert.deepEqual(
      [noAuth.status, JSON.parse(noAuth.body)],
      [401, { error: "unauthorized", message: "Bearer token is missing or invalid" }],
    );
    const otherId = "3d6d2b6e-6c7a-4a7f-8c3d-9a9d2e1f0b1c";
    const other = await request(base.replace(sim.env.CERTPLANE_NETFOUNDRY_FRONTDOOR_ID, otherId), {
      ca: sim.caCertPem,
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.deepEqual(
      [other.status, JSON.parse(other.body)],
      [403, { error: "not_found", message: `Frontdoor ${otherId} not found` }],
    );
    const none = await request(`${base}/cert-missing`, {
      ca: sim.caCertPem,
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(none.status, 404);
  });

  it("OAuth client credentials mint a Bearer token that expires by the simulator clock", async () => {
    const minted = JSON.parse(
      (
        await netfoundryTokenRequest(sim, {
          audience: "https://gateway.production.netfoundry.io/frontdoor",
          scope: "frontdoor.read frontdoor.write",
        })
      ).body,
    ) as { access_token: string; token_type: string; expires_in: number };
    assert.deepEqual([minted.token_type, minted.expires_in], ["Bearer", 3600]);
    const list = () =>
      request(base, {
        ca: sim.caCertPem,
        headers: { Authorization: `Bearer ${minted.access_token}` },
      });
    assert.equal((await list()).status, 200);
    sim.setClockOffset(3601);
    try {
      assert.equal((await list()).status, 401);
    } finally {
      sim.setClockOffset(0);
    }
    const wrong = await netfoundryTokenRequest(sim, { client_secret: "nope" });
    assert.deepEqual([wrong.status, JSON.parse(wrong.body).error], [401, "invalid_client"]);
  });
});
