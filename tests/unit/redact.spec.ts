import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import {
  clearRegisteredSecrets,
  redact,
  redactUrl,
  registerSecret,
  REDACTED,
} from "../../provider/core/redact";

describe("redact", () => {
  afterEach(() => clearRegisteredSecrets());

  it("replaces a PKCS#8, an RSA and an EC private key block, keeping the text around them", () => {
    const pkcs8 = generateKeyPairSync("ed25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .privateKey.export({ type: "pkcs1", format: "pem" })
      .toString();
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "sec1", format: "pem" })
      .toString();
    const text = `before ${pkcs8} middle ${rsa} and ${ec} after`;
    const out = redact(text);
    assert.equal(
      out,
      `before -----BEGIN PRIVATE KEY----- ${REDACTED} -----END PRIVATE KEY-----\n middle ` +
        `-----BEGIN RSA PRIVATE KEY----- ${REDACTED} -----END RSA PRIVATE KEY-----\n and ` +
        `-----BEGIN EC PRIVATE KEY----- ${REDACTED} -----END EC PRIVATE KEY-----\n after`,
    );
  });

  it("keeps certificates and CSRs (public material) intact", () => {
    const cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    assert.equal(redact(`got ${cert}`), `got ${cert}`);
  });

  it("drops everything after a private key block whose END line is missing", () => {
    assert.equal(
      redact("x -----BEGIN PRIVATE KEY-----\nMIIEv...truncated"),
      `x -----BEGIN PRIVATE KEY----- ${REDACTED}`,
    );
  });

  it("redacts JSON-escaped PEM keys inside a JSON body", () => {
    const body = JSON.stringify({
      key: "-----BEGIN PRIVATE KEY-----\nMIIEvQIB\n-----END PRIVATE KEY-----",
    });
    assert.ok(!redact(body).includes("MIIEvQIB"));
  });

  it("redacts Bearer and Basic credentials and Authorization headers", () => {
    assert.equal(
      redact("Authorization: Bearer abc.def-ghi"),
      `Authorization: ${REDACTED} ${REDACTED}`,
    );
    assert.equal(redact("sent Bearer abc.def"), `sent Bearer ${REDACTED}`);
    assert.equal(redact("basic dXNlcjpwYXNz=="), `basic ${REDACTED}`);
  });

  it("keeps vendor prose that names a scheme, and still redacts a word-like credential in a header", () => {
    for (const prose of [
      "Bearer token is missing or invalid",
      "401 Unauthorized: Bearer authentication required",
      "Basic auth-based login is disabled",
      'WWW-Authenticate: Bearer realm="zitadel", error="invalid_token"',
      '{"message":"Bearer token is missing"}',
    ]) {
      assert.equal(redact(prose), prose);
    }
    assert.equal(redact("Bearer eyJhbGciOi.eyJzdWIi.sig"), `Bearer ${REDACTED}`);
    assert.equal(redact("Bearer Zm9vYmFyYmF6"), `Bearer ${REDACTED}`);
    assert.equal(redact("with Basic Y2VydHBsYW5l is missing"), `with Basic ${REDACTED} is missing`);
    assert.ok(!redact("Authorization: Bearer letmein").includes("letmein"));
    assert.ok(!redact('{"authorization":"Bearer letmein"}').includes("letmein"));
  });

  it("redacts token, password and secret fields in JSON, headers, forms and queries", () => {
    assert.equal(
      redact('{"token":"pat-123456","tokenId":"t1"}'),
      `{"token":"${REDACTED}","tokenId":"t1"}`,
    );
    assert.equal(
      redact('{"access_token": "eyJhbGciOi", "expires_in": 3600}'),
      `{"access_token": "${REDACTED}", "expires_in": 3600}`,
    );
    assert.equal(redact("password=hunter22&user=admin"), `password=${REDACTED}&user=admin`);
    assert.equal(redact("sessionId: 4f1c-aa"), `sessionId: ${REDACTED}`);
    assert.equal(redact('{"client_secret":"s3cr3t!"}'), `{"client_secret":"${REDACTED}"}`);
  });

  it("redacts registered secrets and extra values wherever they appear", () => {
    registerSecret("super-secret-token-value");
    assert.equal(
      redact("the value super-secret-token-value leaked"),
      `the value ${REDACTED} leaked`,
    );
    assert.equal(redact("x=opaque-123456 y", ["opaque-123456"]), `x=${REDACTED} y`);
  });

  it("ignores registered values shorter than 6 characters", () => {
    registerSecret("abc");
    assert.equal(redact("abc abc"), "abc abc");
  });

  it("redacts credential-like query parameters of a URL", () => {
    assert.equal(
      redactUrl("https://h/x?requestedUsername=nso&token=abc&assignedRoles=a,b"),
      `https://h/x?requestedUsername=nso&token=${REDACTED}&assignedRoles=a,b`,
    );
  });

  it("stays linear on pathological input (megabytes of unterminated markers and prefixes)", function () {
    const inputs = [
      "-----BEGIN ".repeat(200_000),
      "-----BEGIN PRIVATE KEY-----".repeat(100_000),
      "Bearer ".repeat(300_000),
      "token".repeat(300_000) + ":",
      "token" + " ".repeat(2_000_000),
      '"token":"' + "a".repeat(2_000_000),
      "password=" + "=".repeat(2_000_000),
    ];
    for (const text of inputs) {
      const started = process.hrtime.bigint();
      redact(text);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Not a speed assertion: a quadratic or exponential pass takes minutes on these sizes.
      assert.ok(ms < 5000, `redact took ${ms} ms on a ${text.length}-character input`);
    }
  });
});
