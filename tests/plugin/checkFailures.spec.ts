/**
 * Every rejected input of every resource (../provider/checkThroughServer/rejectedInputs.ts) through
 * the native plugin's Check, as the engine sends it for a program with no certplane SDK (plain
 * values): each answer holds exactly the failures the hooks' `check` gives the dynamic door for the
 * same input — same properties, same reasons — naming the row's property and showing the value seen,
 * and never the secret a row hides. During preview an unknown input is skipped, never failed.
 * The provider clock reads NOW in both processes. `npm run build` first.
 */
import { strict as assert } from "node:assert";
import { resourceSchema } from "../../provider/core/packageSchema";
import { secret, UNKNOWN, type WireObject } from "../../testing/wire";
import { NOW, RULES } from "../provider/checkThroughServer/rejectedInputs";
import { materials } from "../provider/checkThroughServer/materials";
import { withEnv } from "../support/withEnv";
import { nativeRef, withPlugin } from "./support/withPlugin";
import { secretValue } from "./support/secretEnvelope";

/** What the plugin and the hooks run under: the fixed clock, no frontdoorId from anywhere. */
const ENV = { CERTPLANE_NOW: NOW, CERTPLANE_NETFOUNDRY_FRONTDOOR_ID: "" };

/** The native token of a rule's type (`pca.SignedCertificate` → `certplane:pca:SignedCertificate`). */
function tokenOf(type: string): string {
  const [module, name] = type.includes(".") ? type.split(".") : ["index", type];
  return `certplane:${module}:${name}`;
}

/** The dynamic door's answer: the hooks' own `check`, which its server passes on unchanged. */
async function dynamicFailures(token: string, inputs: Record<string, unknown>) {
  const hooks = require(`../../provider/${resourceSchema(token).language.certplane.hooks}`) as {
    check(olds: object, news: object): Promise<{ failures: unknown[] }>;
  };
  return (await hooks.check({}, inputs)).failures;
}

describe("native plugin: every rejected input fails Check as through the dynamic door", function () {
  this.timeout(60_000);
  withEnv(() => ENV);
  const plugin = withPlugin({ env: () => ENV });

  for (const { type, base, rejects } of RULES) {
    const token = tokenOf(type);
    rejects.forEach((row, i) => {
      it(`${type}: ${row.title} → the dynamic door's failures, naming ${row.property}`, async () => {
        const inputs: Record<string, unknown> = { ...base, ...row.args };
        for (const key of row.omit ?? []) delete inputs[key];
        const ref = nativeRef(token, `${type.replace(/^.*\./, "")}-${i}`);
        const { failures } = await plugin.client.check(ref, {}, inputs as WireObject);
        assert.deepEqual(failures, await dynamicFailures(token, inputs));
        assert.deepEqual(
          failures.map((f) => f.property),
          [row.property],
        );
        if (row.shows !== undefined) assert.ok(failures[0].reason.includes(row.shows));
        if (row.hides !== undefined)
          assert.equal(JSON.stringify(failures).includes(row.hides), false);
      });
    });
  }

  it("an unknown input during preview is skipped, not failed", async () => {
    const ref = nativeRef("certplane:pca:SignedCertificate", "preview");
    const news = { certRequestPem: UNKNOWN, requestedUsername: "nso-user" };
    const { failures, inputs } = await plugin.client.check(ref, {}, news);
    assert.deepEqual(failures, []);
    assert.equal(inputs.certRequestPem, UNKNOWN);
  });

  it("a type the schema lacks fails naming it", async () => {
    const ref = nativeRef("certplane:pca:Nothing", "x");
    await assert.rejects(
      plugin.client.check(ref, {}, {}),
      /schema\/schema\.json has no resource certplane:pca:Nothing/,
    );
  });

  it("check's answer keeps a secret input secret and marks the schema's secret fields", async () => {
    const ref = nativeRef("certplane:pca:SignedCertificate", "secrets");
    const { failures, inputs } = await plugin.client.check(
      ref,
      {},
      {
        certRequestPem: materials().csrPem,
        requestedUsername: "nso-user",
        privateKeyPem: secret(materials().keyPem),
        connection: {
          url: "https://pca.example.com",
          token: "token-the-program-left-plain",
          proxyUrl: "http://proxy-user:proxy-pass@127.0.0.1:3128",
        },
      },
    );
    assert.deepEqual(failures, []);
    assert.equal(secretValue(inputs.privateKeyPem, "privateKeyPem"), materials().keyPem);
    const connection = inputs.connection as WireObject;
    assert.equal(secretValue(connection.token, "connection.token"), "token-the-program-left-plain");
    assert.equal(connection.url, "https://pca.example.com");
    assert.equal(
      secretValue(connection.proxyUrl, "connection.proxyUrl"),
      "http://proxy-user:proxy-pass@127.0.0.1:3128",
    );
  });

  it("an input the program marked secret stays secret under its name, as the engine keeps it", async () => {
    const ref = nativeRef("certplane:pca:SignedCertificate", "program-secret");
    const { failures, inputs } = await plugin.client.check(
      ref,
      {},
      {
        certRequestPem: materials().csrPem,
        requestedUsername: secret("nso-user"),
        assignedRoles: [secret("tenant-admin")],
      },
    );
    assert.deepEqual(failures, []);
    assert.equal(secretValue(inputs.requestedUsername, "requestedUsername"), "nso-user");
    assert.deepEqual(secretValue(inputs.assignedRoles, "assignedRoles"), ["tenant-admin"]);
    assert.equal(inputs.certRequestPem, materials().csrPem);
  });

  it("a proxy URL without credentials stays plain", async () => {
    const ref = nativeRef("certplane:pca:SignedCertificate", "proxy");
    const { failures, inputs } = await plugin.client.check(
      ref,
      {},
      {
        certRequestPem: materials().csrPem,
        requestedUsername: "nso-user",
        connection: { proxyUrl: "http://127.0.0.1:3128" },
      },
    );
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.connection, { proxyUrl: "http://127.0.0.1:3128" });
  });
});
