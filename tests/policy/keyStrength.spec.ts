import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { DOORS, UNKNOWN, violationsOf } from "./policyHarness";

const CSR = "certplane:index:CertificateRequest";
const SBC = "certplane:oraclesbc:CertificateRecord";
const RULE = "certplane-key-strength";

function pkcs8(pem: ReturnType<typeof generateKeyPairSync>["privateKey"]): string {
  return pem.export({ type: "pkcs8", format: "pem" }).toString();
}

describe("policy certplane-key-strength", () => {
  for (const door of DOORS) {
    it(`${door} door: RSA exactly at minRsaBits passes, one size under fails naming resource, property, value and limit`, async () => {
      const settings = { [RULE]: { minRsaBits: 3072 } };
      const at = { token: CSR, door, name: "api", props: { algorithm: "RSA", rsaBits: 3072 } };
      assert.deepEqual(await violationsOf(RULE, at, settings), []);
      const under = { ...at, props: { algorithm: "RSA", rsaBits: 2048 } };
      assert.deepEqual(await violationsOf(RULE, under, settings), [
        'CertificateRequest "api": rsaBits is 2048, a weaker RSA key than allowed: at least 3072 bits (minRsaBits).',
      ]);
    });
  }

  it("applies the provider's defaults to inputs left out (RSA 2048)", async () => {
    const settings = { [RULE]: { minRsaBits: 4096 } };
    assert.deepEqual(await violationsOf(RULE, { token: CSR, name: "k", props: {} }, settings), [
      'CertificateRequest "k": rsaBits is 2048, a weaker RSA key than allowed: at least 4096 bits (minRsaBits).',
    ]);
    assert.deepEqual(await violationsOf(RULE, { token: CSR, name: "k", props: {} }), []);
  });

  it("ECDSA: an allowed curve passes, another fails", async () => {
    const settings = { [RULE]: { allowedEcdsaCurves: ["P384", "P521"] } };
    const ok = { token: CSR, name: "e", props: { algorithm: "ECDSA", ecdsaCurve: "P384" } };
    assert.deepEqual(await violationsOf(RULE, ok, settings), []);
    assert.deepEqual(
      await violationsOf(
        RULE,
        { ...ok, props: { algorithm: "ECDSA", ecdsaCurve: "P256" } },
        settings,
      ),
      [
        'CertificateRequest "e": ecdsaCurve is "P256", a curve that is not allowed: one of P384, P521 (allowedEcdsaCurves).',
      ],
    );
  });

  it("Ed25519 passes by default and fails with allowEd25519 false", async () => {
    const ed = { token: CSR, name: "ssh", props: { algorithm: "ED25519" } };
    assert.deepEqual(await violationsOf(RULE, ed), []);
    assert.deepEqual(await violationsOf(RULE, ed, { [RULE]: { allowEd25519: false } }), [
      'CertificateRequest "ssh": algorithm is "ED25519", an algorithm that is not allowed: no Ed25519 keys (allowEd25519 is false).',
    ]);
  });

  it("a given privateKeyPem is measured, and the message never shows the key", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = pkcs8(privateKey);
    const given = { token: CSR, name: "byok", props: { privateKeyPem: pem } };
    const messages = await violationsOf(RULE, given, { [RULE]: { minRsaBits: 3072 } });
    assert.deepEqual(messages, [
      'CertificateRequest "byok": privateKeyPem is a 2048-bit RSA key (not shown), a weaker RSA key than allowed: at least 3072 bits (minRsaBits).',
    ]);
    const body = pem.split("\n")[1];
    assert.equal(messages.join("\n").includes(body), false);
    const ec = pkcs8(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey);
    assert.deepEqual(
      await violationsOf(
        RULE,
        { token: CSR, name: "byok", props: { privateKeyPem: ec } },
        { [RULE]: { allowedEcdsaCurves: ["P384"] } },
      ),
      [
        'CertificateRequest "byok": privateKeyPem is an ECDSA P256 key (not shown), a curve that is not allowed: one of P384 (allowedEcdsaCurves).',
      ],
    );
  });

  it("unknown values during preview are skipped: no violation, no error", async () => {
    const settings = { [RULE]: { minRsaBits: 4096, allowEd25519: false } };
    for (const props of [
      { algorithm: UNKNOWN, rsaBits: 2048 },
      { algorithm: "RSA", rsaBits: UNKNOWN },
      { privateKeyPem: UNKNOWN },
      { algorithm: "ECDSA", ecdsaCurve: UNKNOWN },
    ]) {
      assert.deepEqual(
        await violationsOf(RULE, { token: CSR, props }, settings),
        [],
        JSON.stringify(props),
      );
    }
  });

  it("Oracle SBC keySize: exactly at the limit passes, under fails; ECDSA records have no size to judge", async () => {
    const settings = { [RULE]: { minRsaBits: 4096 } };
    const at = { token: SBC, name: "sbc", props: { keyAlgorithm: "rsa", keySize: 4096 } };
    assert.deepEqual(await violationsOf(RULE, at, settings), []);
    assert.deepEqual(await violationsOf(RULE, { ...at, props: { keySize: 2048 } }, settings), [
      'oraclesbc.CertificateRecord "sbc": keySize is 2048, a weaker RSA key than allowed: at least 4096 bits (minRsaBits).',
    ]);
    const ecdsa = { ...at, props: { keyAlgorithm: "ecdsa", keySize: 2048 } };
    assert.deepEqual(await violationsOf(RULE, ecdsa, settings), []);
    assert.deepEqual(
      await violationsOf(RULE, { ...at, props: { keySize: UNKNOWN } }, settings),
      [],
    );
  });
});
