import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as hooks from "../../provider/csr/certificateRequest";
import { setLogSink } from "../../provider/core/log";
import { setStackConfig } from "../../provider/core/stackConfig";
import { csrPublicKey, verifyCsr } from "../support/openssl";
import { whileEnv } from "../support/withEnv";
import {
  deleteKeyWithPkcs11Tool,
  initSoftHsmToken,
  pkcs11Tool,
  privateKeysInToken,
  removeSoftHsmToken,
  type SoftHsmToken,
} from "../support/softhsm";

type Outs = Record<string, unknown>;

describe("CertificateRequest with a key in a PKCS#11 token (SoftHSM2)", () => {
  let token: SoftHsmToken;
  const logs: string[] = [];
  let restoreLog: () => void;
  before(() => {
    token = initSoftHsmToken("provider");
    restoreLog = setLogSink((line) => logs.push(line));
  });
  after(() => {
    restoreLog();
    removeSoftHsmToken(token);
  });

  const settings = () => ({
    module: token.module,
    tokenLabel: token.tokenLabel,
    pin: token.pin,
    keyLabel: "nso-user",
  });

  async function make(news: Record<string, unknown>): Promise<{ id: string; outs: Outs }> {
    const checked = await hooks.check({}, news);
    assert.deepEqual(checked.failures, []);
    return (await hooks.create(checked.inputs)) as unknown as { id: string; outs: Outs };
  }

  const kinds: Array<[string, Record<string, unknown>, RegExp]> = [
    ["RSA 2048", { algorithm: "RSA", rsaBits: 2048 }, /Public-Key: \(2048 bit\)/],
    ["RSA 3072", { algorithm: "RSA", rsaBits: 3072 }, /Public-Key: \(3072 bit\)/],
    ["RSA 4096", { algorithm: "RSA", rsaBits: 4096 }, /Public-Key: \(4096 bit\)/],
    ["ECDSA P256", { algorithm: "ECDSA", ecdsaCurve: "P256" }, /NIST CURVE: P-256/],
    ["ECDSA P384", { algorithm: "ECDSA", ecdsaCurve: "P384" }, /NIST CURVE: P-384/],
  ];
  for (const [label, keyArgs, keyLine] of kinds) {
    it(`generates a sensitive, non-extractable ${label} key in the token and signs the CSR there`, async () => {
      const { id, outs } = await make({
        ...keyArgs,
        pkcs11: settings(),
        subject: { commonName: "nso-user" },
        dnsNames: ["nso.example.com"],
      });
      const { subject, text } = verifyCsr(outs.certRequestPem as string);
      assert.equal(subject, "CN=nso-user");
      assert.match(text, keyLine);
      assert.equal(csrPublicKey(outs.certRequestPem as string), outs.publicKeyPem);
      assert.equal(id, outs.publicKeyFingerprintSha256);
      assert.equal("privateKeyPem" in outs, false);
      assert.equal(outs.keyGenerated, true);
      assert.equal(outs.pkcs11KeyInToken, true);
      assert.match(outs.pkcs11KeyId as string, /^[0-9a-f]{32}$/);
      assert.equal(outs.pkcs11KeyLabel, `nso-user-${(outs.pkcs11KeyId as string).slice(0, 8)}`);
      const inToken = privateKeysInToken(token).filter((k) => k.idHex === outs.pkcs11KeyId);
      assert.deepEqual(
        inToken.map(({ privateExponentRefusal: _e, ...facts }) => facts),
        [
          {
            label: outs.pkcs11KeyLabel,
            idHex: outs.pkcs11KeyId,
            token: true,
            private: true,
            sensitive: true,
            extractable: false,
            alwaysSensitive: true,
            neverExtractable: true,
            // An EC private key's secret is CKA_VALUE; an RSA key has none (its secret is below).
            valueRefusal:
              keyArgs.algorithm === "RSA"
                ? "CKR_ATTRIBUTE_TYPE_INVALID"
                : "CKR_ATTRIBUTE_SENSITIVE",
          },
        ],
      );
      assert.equal(
        inToken[0].privateExponentRefusal,
        keyArgs.algorithm === "RSA" ? "CKR_ATTRIBUTE_SENSITIVE" : undefined,
      );
      await hooks.delete(id, outs);
      assert.deepEqual(
        privateKeysInToken(token).filter((k) => k.idHex === outs.pkcs11KeyId),
        [],
      );
    });
  }

  it("read reports a key deleted out of band, and the next diff replaces the resource", async () => {
    const { id, outs } = await make({
      algorithm: "ECDSA",
      pkcs11: settings(),
      subject: { commonName: "a" },
    });
    const present = await hooks.read(id, outs);
    assert.equal(present.props.pkcs11KeyInToken, true);
    deleteKeyWithPkcs11Tool(token, outs.pkcs11KeyId as string);
    const gone = await hooks.read(id, outs);
    assert.equal(gone.id, id);
    assert.equal(gone.props.pkcs11KeyInToken, false);
    const checked = await hooks.check(
      {},
      { algorithm: "ECDSA", pkcs11: settings(), subject: { commonName: "a" } },
    );
    const diff = await hooks.diff(id, gone.props as never, checked.inputs as never);
    assert.deepEqual(diff, {
      changes: true,
      replaces: ["pkcs11KeyInToken"],
      deleteBeforeReplace: false,
    });
    await hooks.delete(id, gone.props);
  });

  it("diff: the same settings are no change, a new PIN updates in place, a new keyLabel replaces", async () => {
    const news = { algorithm: "ECDSA", pkcs11: settings(), subject: { commonName: "b" } };
    const { id, outs } = await make(news);
    const diffWith = async (pkcs11: Record<string, unknown>) =>
      hooks.diff(id, outs as never, (await hooks.check({}, { ...news, pkcs11 })).inputs as never);
    assert.deepEqual(await diffWith(settings()), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await diffWith({ ...settings(), pin: "another-pin-value" }), {
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await diffWith({ ...settings(), keyLabel: "other" }), {
      changes: true,
      replaces: ["pkcs11"],
      deleteBeforeReplace: false,
    });
    await hooks.delete(id, outs);
  });

  it("a replacement makes the new key before the old one is deleted (create-before-delete)", async () => {
    const news = { algorithm: "ECDSA", pkcs11: settings(), subject: { commonName: "c" } };
    const first = await make(news);
    const second = await make(news);
    const ids = () => privateKeysInToken(token).map((k) => k.idHex);
    assert.notEqual(first.outs.pkcs11KeyLabel, second.outs.pkcs11KeyLabel);
    assert.deepEqual(
      [first.outs.pkcs11KeyId, second.outs.pkcs11KeyId].map((i) => ids().includes(i as string)),
      [true, true],
    );
    await hooks.delete(first.id, first.outs);
    assert.deepEqual(
      [first.outs.pkcs11KeyId, second.outs.pkcs11KeyId].map((i) => ids().includes(i as string)),
      [false, true],
    );
    await hooks.delete(second.id, second.outs);
  });

  it("several resources at once on one token (one provider process): each gets its own key", async () => {
    const made = await Promise.all(
      ["p", "q", "r"].map((cn) =>
        make({ algorithm: "RSA", pkcs11: settings(), subject: { commonName: cn } }),
      ),
    );
    const ids = made.map((m) => m.outs.pkcs11KeyId as string);
    assert.equal(new Set(ids).size, 3);
    const reads = await Promise.all(made.map((m) => hooks.read(m.id, m.outs)));
    assert.deepEqual(
      reads.map((r) => r.props.pkcs11KeyInToken),
      [true, true, true],
    );
    await Promise.all(made.map((m) => hooks.delete(m.id, m.outs)));
    assert.deepEqual(
      privateKeysInToken(token).filter((k) => ids.includes(k.idHex)),
      [],
    );
  });

  it("keepKeyOnDelete keeps the key object; existingKey uses the key under keyLabel and never deletes it", async () => {
    const kept = await make({
      algorithm: "ECDSA",
      pkcs11: { ...settings(), keepKeyOnDelete: true },
      subject: { commonName: "d" },
    });
    await hooks.delete(kept.id, kept.outs);
    // Keeping needs nothing of the token: from the environment alone, with no other setting.
    const bare = { ...kept.outs, pkcs11: {} };
    await whileEnv({ CERTPLANE_PKCS11_KEEP_KEY_ON_DELETE: "true" }, () =>
      hooks.delete(kept.id, bare),
    );
    assert.equal(
      privateKeysInToken(token).some((k) => k.idHex === kept.outs.pkcs11KeyId),
      true,
    );

    pkcs11Tool(token, [
      "--keypairgen",
      "--key-type",
      "EC:secp384r1",
      "--label",
      "byo-key",
      "--id",
      "b0b0",
    ]);
    const byo = await make({
      pkcs11: { ...settings(), keyLabel: "byo-key", existingKey: true },
      subject: { commonName: "e" },
    });
    assert.deepEqual(
      [
        byo.outs.keyGenerated,
        byo.outs.algorithm,
        byo.outs.ecdsaCurve,
        byo.outs.pkcs11KeyLabel,
        byo.outs.pkcs11KeyId,
        "keyCreatedAt" in byo.outs,
      ],
      [false, "ECDSA", "P384", "byo-key", "b0b0", false],
    );
    assert.match(verifyCsr(byo.outs.certRequestPem as string).text, /NIST CURVE: P-384/);
    await hooks.delete(byo.id, byo.outs);
    assert.equal(
      privateKeysInToken(token).some((k) => k.idHex === "b0b0"),
      true,
    );
  });

  it("takes every field from CERTPLANE_PKCS11_* or certplane:pkcs11* when pkcs11 is {}", async () => {
    const fromEnv = await whileEnv(
      {
        CERTPLANE_PKCS11_MODULE: token.module,
        CERTPLANE_PKCS11_TOKEN_LABEL: token.tokenLabel,
        CERTPLANE_PKCS11_PIN: token.pin,
        CERTPLANE_PKCS11_KEY_LABEL: "from-env",
      },
      async () => {
        const made = await make({ algorithm: "ECDSA", pkcs11: {}, subject: { commonName: "f" } });
        await hooks.delete(made.id, made.outs);
        return made.outs;
      },
    );
    assert.match(fromEnv.pkcs11KeyLabel as string, /^from-env-[0-9a-f]{8}$/);
    assert.deepEqual(fromEnv.pkcs11, {});
    setStackConfig({
      "certplane:pkcs11Module": token.module,
      "certplane:pkcs11TokenLabel": token.tokenLabel,
      "certplane:pkcs11Pin": token.pin,
      "certplane:pkcs11KeyLabel": "from-config",
    });
    try {
      const made = await make({ algorithm: "ECDSA", pkcs11: {}, subject: { commonName: "g" } });
      assert.match(made.outs.pkcs11KeyLabel as string, /^from-config-[0-9a-f]{8}$/);
      await hooks.delete(made.id, made.outs);
    } finally {
      setStackConfig(undefined);
    }
  });

  describe("failing cases: clear errors naming the token and what to check, never the PIN", () => {
    const failure = async (pkcs11: Record<string, unknown>) => {
      const checked = await hooks.check(
        {},
        { algorithm: "ECDSA", pkcs11, subject: { commonName: "x" } },
      );
      return hooks.create(checked.inputs).then(
        () => assert.fail("create should have failed"),
        (err: Error) => err.message,
      );
    };

    it("a wrong PIN", async () => {
      const message = await failure({ ...settings(), pin: "wrong-pin-123456" });
      assert.equal(
        message,
        `Login to PKCS#11 token "${token.tokenLabel}" (library "${token.module}") was refused ` +
          "(CKR_PIN_INCORRECT) with the PIN from resource argument pkcs11.pin: the PIN is wrong. " +
          "Check pkcs11.pin; repeated wrong PINs may lock the token.",
      );
      assert.equal(message.includes("wrong-pin-123456"), false);
    });

    it("a token label no token has", async () => {
      const message = await failure({ ...settings(), tokenLabel: "no-such-token" });
      assert.match(
        message,
        new RegExp(
          `^No token labelled "no-such-token" \\(pkcs11.tokenLabel, from resource argument pkcs11.tokenLabel\\) ` +
            `in the PKCS#11 library "${token.module}"; tokens present: "${token.tokenLabel}"\\. Check the label`,
        ),
      );
      assert.equal(message.includes(token.pin), false);
    });

    it("a module that does not exist", async () => {
      const message = await failure({ ...settings(), module: "/nonexistent/libpkcs11.so" });
      assert.match(
        message,
        /^The PKCS#11 library "\/nonexistent\/libpkcs11.so" \(pkcs11.module, from resource argument pkcs11.module\) could not be loaded for token "certplane-provider": .*Check that the path names the token's PKCS#11 library/,
      );
      assert.equal(message.includes(token.pin), false);
    });

    it("a PIN set nowhere", async () => {
      const { pin: _pin, ...rest } = settings();
      assert.equal(
        await failure(rest),
        "PKCS#11 pin is not set. Set pkcs11.pin, stack config certplane:pkcs11Pin or environment variable CERTPLANE_PKCS11_PIN.",
      );
    });

    it("check refuses privateKeyPem beside pkcs11, ED25519, P521, existingKey with rotation, unknown fields", async () => {
      const failuresOf = async (news: Record<string, unknown>) =>
        (await hooks.check({}, { subject: { commonName: "x" }, ...news })).failures.map(
          (f) => f.property,
        );
      assert.deepEqual(await failuresOf({ pkcs11: settings(), algorithm: "ED25519" }), [
        "algorithm",
      ]);
      assert.deepEqual(
        await failuresOf({ pkcs11: settings(), algorithm: "ECDSA", ecdsaCurve: "P521" }),
        ["ecdsaCurve"],
      );
      assert.deepEqual(
        await failuresOf({ pkcs11: { ...settings(), existingKey: true }, rotateAfterHours: 24 }),
        ["pkcs11.existingKey"],
      );
      assert.deepEqual(await failuresOf({ pkcs11: { ...settings(), slot: 1 } }), ["pkcs11.slot"]);
      const pem = execFileSync("openssl", [
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
      ]).toString();
      assert.deepEqual(await failuresOf({ pkcs11: settings(), privateKeyPem: pem }), ["pkcs11"]);
    });
  });

  it("no PIN and no private key material in any output, log line or error of this suite", () => {
    const everything = logs.join("\n");
    assert.equal(everything.includes(token.pin), false);
    assert.equal(/PRIVATE KEY/.test(everything), false);
    assert.match(everything, /generated key "nso-user-[0-9a-f]{8}" in PKCS#11 token/);
  });
});
