/**
 * toPkcs12: bundles opened by `openssl pkcs12` (the reader Windows/Java/Azure bundles are checked
 * with), for RSA, ECDSA and Ed25519 keys, with a chain; the Output is secret; bad input is refused
 * without echoing the key or the password.
 */
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { toPkcs12 } from "../../sdk";
import { buildPfx } from "../../sdk/pkcs12/buildPfx";
import { openPkcs12 } from "../support/opensslPkcs12";
import { TestCa } from "../support/testCa";
import { installRecordingMocks, settle } from "../support/recordingMocks";

const PASSWORD = "correct horse battery staple";

/** `openssl pkcs12 -info` on the bundle: the info, then the PEM it yields (key decrypted). */
const opensslOpen = (pfx: Buffer, password: string) => openPkcs12(pfx, password).info;

function keyPem(type: "rsa" | "ec" | "ed25519"): crypto.KeyObject {
  if (type === "rsa") return crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  if (type === "ec") return crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  return crypto.generateKeyPairSync("ed25519").privateKey;
}

describe("toPkcs12", () => {
  let ca: TestCa;
  before(async () => (ca = await TestCa.create("pkcs12 test root")));

  for (const type of ["rsa", "ec", "ed25519"] as const) {
    it(`bundles a ${type} key with its certificate and chain; openssl opens it with the password`, async () => {
      const key = keyPem(type);
      const leaf = await ca.issue("device-1", { subjectKey: key });
      const pfx = buildPfx({
        certificatePem: leaf.certPem,
        privateKeyPem: key.export({ type: "pkcs8", format: "pem" }).toString(),
        chainPem: ca.certPem,
        password: PASSWORD,
        friendlyName: "device-1",
      });

      const opened = opensslOpen(pfx, PASSWORD);
      assert.match(opened, /MAC: sha256, Iteration 10000/);
      assert.match(opened, /MAC length: 32, salt length: 16/);
      assert.match(
        opened,
        /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/,
      );
      assert.match(opened, /friendlyName: device-1/);
      const certificates = opened.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
      assert.equal(certificates.length, 2, "leaf and chain certificate");
      const keyOut = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/.exec(
        opened,
      )?.[0];
      assert.ok(keyOut, "no private key in the bundle");
      assert.equal(
        crypto.createPublicKey(keyOut).export({ type: "spki", format: "der" }).toString("hex"),
        crypto.createPublicKey(key).export({ type: "spki", format: "der" }).toString("hex"),
      );
    });
  }

  it("is refused by openssl with a wrong password (the MAC protects the bundle)", async () => {
    const key = keyPem("ec");
    const leaf = await ca.issue("device-2", { subjectKey: key });
    const pfx = buildPfx({
      certificatePem: leaf.certPem,
      privateKeyPem: key.export({ type: "pkcs8", format: "pem" }).toString(),
      password: PASSWORD,
    });
    assert.throws(() => opensslOpen(pfx, "wrong"), /Mac verify error|invalid password/i);
  });

  it("refuses a key that is not the certificate's, a missing password and a non-PEM key, never echoing them", async () => {
    const key = keyPem("ec");
    const other = keyPem("ec").export({ type: "pkcs8", format: "pem" }).toString();
    const leaf = await ca.issue("device-3", { subjectKey: key });
    const attempt = (privateKeyPem: string, password: string) => () =>
      buildPfx({ certificatePem: leaf.certPem, privateKeyPem, password });

    assert.throws(attempt(other, PASSWORD), (error: Error) => {
      assert.match(
        error.message,
        /^toPkcs12: privateKeyPem is not the key of certificatePem \(subject "CN=device-3", serial [0-9A-F]+\)\.$/,
      );
      return true;
    });
    assert.throws(attempt(other, ""), /^Error: toPkcs12: password must be a non-empty string/);
    assert.throws(attempt("not a key", PASSWORD), (error: Error) => {
      assert.equal(
        error.message,
        "toPkcs12: privateKeyPem is not a readable PEM private key (PKCS#8, PKCS#1 or SEC1).",
      );
      return true;
    });
  });

  it("returns a secret Output of base64 PKCS#12 from Output inputs", async () => {
    installRecordingMocks();
    const key = keyPem("rsa");
    const leaf = await ca.issue("device-4", { subjectKey: key });
    const bundle = toPkcs12({
      certificatePem: pulumi.output(leaf.certPem),
      privateKeyPem: pulumi.secret(key.export({ type: "pkcs8", format: "pem" }).toString()),
      password: pulumi.secret(PASSWORD),
    });
    const { value, secret } = await settle(bundle);
    assert.equal(secret, true);
    assert.match(opensslOpen(Buffer.from(value, "base64"), PASSWORD), /subject=CN ?= ?device-4/);
  });
});
