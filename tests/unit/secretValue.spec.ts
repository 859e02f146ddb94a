/**
 * The runner's `Secret`: every way of printing it shows `[secret]`, `reveal()` and
 * `revealSecrets()` are the ways back, and a wire value becomes what a test sees (each secret
 * envelope a Secret, wherever it sits).
 */
import { strict as assert } from "node:assert";
import { format, inspect } from "node:util";
import { revealSecrets, Secret, SECRET_PLACEHOLDER } from "../../testing";
import { present } from "../../testing/secretValue";
import { RESOURCE_SIGNATURE, secret, SIGNATURE_KEY } from "../../testing/wire";

const VALUE = "-----BEGIN PRIVATE KEY-----\nMIIEvQ-not-a-real-key\n-----END PRIVATE KEY-----";

describe("Secret", () => {
  it("prints as [secret] through inspect, format, String, templates, concatenation and JSON", () => {
    const wrapped = new Secret(VALUE);
    const holder = { outputs: { privateKeyPem: wrapped }, list: [wrapped] };

    assert.equal(SECRET_PLACEHOLDER, "[secret]");
    assert.equal(inspect(wrapped), "[secret]");
    assert.equal(
      inspect(holder, { depth: Infinity, showHidden: true, breakLength: Infinity }),
      "{ outputs: { privateKeyPem: [secret] }, list: [ [secret], [length]: 1 ] }",
    );
    assert.equal(
      format("%s %o %O %j", wrapped, wrapped, wrapped, wrapped),
      '[secret] [secret] [secret] "[secret]"',
    );
    assert.equal(String(wrapped), "[secret]");
    assert.equal(`${wrapped}`, "[secret]");
    assert.equal("key: " + wrapped, "key: [secret]");
    assert.equal(
      JSON.stringify(holder),
      '{"outputs":{"privateKeyPem":"[secret]"},"list":["[secret]"]}',
    );
    assert.deepEqual(Object.keys(wrapped), []);
    assert.deepEqual({ ...wrapped }, {});
  });

  it("gives the value back only when asked: reveal() and revealSecrets()", () => {
    const wrapped = new Secret(VALUE);

    assert.equal(wrapped.reveal(), VALUE);
    assert.deepEqual(
      revealSecrets({ a: wrapped, b: [new Secret({ token: new Secret("t0k3n-value") })], c: 3 }),
      { a: VALUE, b: [{ token: "t0k3n-value" }], c: 3 },
    );
    assert.equal(revealSecrets("plain"), "plain");
    assert.equal(revealSecrets(null), null);
  });

  it("present() wraps each secret envelope where it sits and resolves resource references", () => {
    const shown = present({
      privateKeyPem: secret(VALUE),
      connection: { url: "https://pca", token: secret("t0k3n-value") },
      roles: ["a", secret("b-secret-role")],
      upstream: { [SIGNATURE_KEY]: RESOURCE_SIGNATURE, urn: "urn:x", id: "id-1" },
      serialNumber: "01ab",
    }) as Record<string, unknown>;

    assert.ok(shown.privateKeyPem instanceof Secret);
    assert.equal(shown.serialNumber, "01ab");
    assert.equal(shown.upstream, "id-1");
    assert.equal((shown.connection as Record<string, unknown>).url, "https://pca");
    assert.deepEqual(revealSecrets(shown), {
      privateKeyPem: VALUE,
      connection: { url: "https://pca", token: "t0k3n-value" },
      roles: ["a", "b-secret-role"],
      upstream: "id-1",
      serialNumber: "01ab",
    });
    assert.equal(
      JSON.stringify(shown),
      '{"privateKeyPem":"[secret]","connection":{"url":"https://pca","token":"[secret]"},' +
        '"roles":["a","[secret]"],"upstream":"id-1","serialNumber":"01ab"}',
    );
  });
});
