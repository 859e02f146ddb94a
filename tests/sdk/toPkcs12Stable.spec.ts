/**
 * toPkcs12 changes only when its content does (issue 24, item 2): the same certificate, chain, key,
 * password and friendly name give the same bundle bytes on every call and every run (a known-answer
 * vector pins them across runs and releases), any change of one of them — a renewal included — gives
 * other bytes, and every bundle opens with openssl and the password. The salts and IV come from an
 * HMAC keyed by the private key (sdk/pkcs12/derivedSalts.ts).
 */
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { toPkcs12 } from "../../sdk";
import { buildPfx, type PfxInputs } from "../../sdk/pkcs12/buildPfx";
import { deriveSalts } from "../../sdk/pkcs12/derivedSalts";
import { encryptPrivateKey } from "../../sdk/pkcs12/pbes2";
import { der } from "../../sdk/pkcs12/der";
import { openPkcs12 } from "../support/opensslPkcs12";
import { TestCa } from "../support/testCa";
import { installRecordingMocks, settle } from "../support/recordingMocks";

const FIXTURES = path.join(__dirname, "..", "fixtures", "pkcs12");
const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

/**
 * The known-answer key: Ed25519 from a published seed, so the spec holds no PEM private key and
 * Ed25519's deterministic signatures are not needed (the certificates are stored, signed once).
 */
function fixtureKeyPem(): string {
  const seed = crypto.createHash("sha256").update("certplane pkcs12 fixture key").digest();
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const key = crypto.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}

const KNOWN: PfxInputs = {
  certificatePem: fs.readFileSync(path.join(FIXTURES, "leaf.pem"), "utf8"),
  privateKeyPem: fixtureKeyPem(),
  chainPem: fs.readFileSync(path.join(FIXTURES, "ca.pem"), "utf8"),
  password: "correct horse battery staple",
  friendlyName: "pkcs12-fixture",
};

/** A key with two certificates for it (the second is its renewal: same key, new serial). */
interface Identity {
  key: crypto.KeyObject;
  /** The key as PKCS#8 PEM and as its traditional PEM (PKCS#1, SEC1; Ed25519 has none). */
  encodings: string[];
  certificates: string[];
}

/** What the generators pick, by index into the pools built in `before`. */
interface Choice {
  identity: number;
  certificate: number;
  encoding: number;
  chain: number;
  password: string;
  friendlyName: string | undefined;
}

describe("toPkcs12: the same content gives the same bytes, other content other bytes", function () {
  // RSA key generation and openssl runs; each property is bounded below.
  this.timeout(120_000);
  const identities: Identity[] = [];
  /** Chain choices: none, one issuer, two issuers, the other issuer alone. */
  const chains: (string | undefined)[] = [];

  before(async () => {
    const ca = await TestCa.create("pkcs12 stable root");
    const other = await TestCa.create("pkcs12 stable other root");
    chains.push(undefined, ca.certPem, ca.certPem + other.certPem, other.certPem);
    const keys = [
      crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
      crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey,
      crypto.generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey,
      crypto.generateKeyPairSync("ed25519").privateKey,
    ];
    for (const [index, key] of keys.entries()) {
      const traditional =
        key.asymmetricKeyType === "rsa"
          ? [key.export({ type: "pkcs1", format: "pem" }).toString()]
          : key.asymmetricKeyType === "ec"
            ? [key.export({ type: "sec1", format: "pem" }).toString()]
            : [];
      const certificates = [];
      for (let round = 0; round < 2; round++) {
        certificates.push((await ca.issue(`svc-${index}`, { subjectKey: key })).certPem);
      }
      identities.push({
        key,
        encodings: [key.export({ type: "pkcs8", format: "pem" }).toString(), ...traditional],
        certificates,
      });
    }
  });

  const inputsOf = (choice: Choice): PfxInputs => {
    const identity = identities[choice.identity];
    return {
      certificatePem: identity.certificates[choice.certificate],
      privateKeyPem: identity.encodings[choice.encoding % identity.encodings.length],
      chainPem: chains[choice.chain],
      password: choice.password,
      friendlyName: choice.friendlyName,
    };
  };

  // Any text a user could type: whole graphemes, the full Unicode range.
  const password = fc.string({ minLength: 1, maxLength: 24, unit: "grapheme" });
  const friendlyName = fc.option(fc.string({ maxLength: 24, unit: "grapheme" }), {
    nil: undefined,
  });
  const choice: fc.Arbitrary<Choice> = fc.record({
    identity: fc.nat({ max: 3 }),
    certificate: fc.nat({ max: 1 }),
    encoding: fc.nat({ max: 1 }),
    chain: fc.nat({ max: 3 }),
    password,
    friendlyName,
  });

  it("fails before the fix: two builds of the same inputs gave different bytes (a fresh salt each)", () => {
    const first = buildPfx(KNOWN);
    const second = buildPfx(KNOWN);
    assert.equal(second.toString("hex"), first.toString("hex"));
  });

  it("gives the known-answer bytes for the fixture inputs (pinned across runs and releases)", () => {
    // A change here changes every user's bundle once (one update of each consumer): it needs a
    // CHANGELOG line, and a new name in derivedSalts.ts's DERIVATION.
    const pfx = buildPfx(KNOWN);
    assert.equal(pfx.length, 1277);
    assert.equal(sha256(pfx), "e46b656bb58166e2d132a0f869ddf7a0c0d5687251815377f67ace87a2de1b83");
  });

  it("returns the same secret base64 through Outputs, run after run", async () => {
    installRecordingMocks();
    const build = () =>
      toPkcs12({
        certificatePem: pulumi.output(KNOWN.certificatePem),
        privateKeyPem: pulumi.secret(KNOWN.privateKeyPem),
        chainPem: KNOWN.chainPem,
        password: pulumi.secret(KNOWN.password),
        friendlyName: KNOWN.friendlyName,
      });
    const [first, second] = [await settle(build()), await settle(build())];
    assert.equal(first.secret, true);
    assert.equal(second.value, first.value);
    assert.equal(first.value, buildPfx(KNOWN).toString("base64"));
  });

  it("equal inputs give equal bytes, whatever the PEM encoding of the key (property)", () => {
    fc.assert(
      fc.property(choice, fc.nat({ max: 1 }), (picked, otherEncoding) => {
        const once = buildPfx(inputsOf(picked));
        const again = buildPfx(inputsOf({ ...picked, encoding: otherEncoding }));
        assert.equal(again.toString("hex"), once.toString("hex"));
      }),
      { numRuns: 40 },
    );
  });

  it("one changed input — certificate (a renewal), key, chain, password or friendly name — gives other bytes (property)", () => {
    const change = fc.oneof(
      fc.constant({ field: "certificate" as const }),
      fc.record({ field: fc.constant("key" as const), by: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ field: fc.constant("chain" as const), by: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ field: fc.constant("password" as const), to: password }),
      fc.record({ field: fc.constant("friendlyName" as const), to: friendlyName }),
    );
    fc.assert(
      fc.property(choice, change, (picked, how) => {
        const changed: Choice = { ...picked };
        if (how.field === "certificate") changed.certificate = 1 - picked.certificate;
        if (how.field === "key") changed.identity = (picked.identity + how.by) % 4;
        if (how.field === "chain") changed.chain = (picked.chain + how.by) % 4;
        if (how.field === "password") changed.password = how.to;
        if (how.field === "friendlyName") changed.friendlyName = how.to;
        // No name and an empty name are the same bundle content (no friendlyName attribute).
        fc.pre(how.field !== "password" || changed.password !== picked.password);
        fc.pre(
          how.field !== "friendlyName" ||
            (changed.friendlyName ?? "") !== (picked.friendlyName ?? ""),
        );
        const before = buildPfx(inputsOf(picked));
        const after = buildPfx(inputsOf(changed));
        assert.notEqual(after.toString("hex"), before.toString("hex"), how.field);
      }),
      { numRuns: 60 },
    );
  });

  it("every bundle opens with openssl and the password, holding the key, leaf and chain (property)", () => {
    // openssl is spawned once per run: few runs, but across every key type, chain and encoding.
    fc.assert(
      fc.property(
        choice,
        fc
          .string({ minLength: 1, maxLength: 24, unit: "grapheme" })
          .filter((p) => !p.includes("\0")),
        (picked, pass) => {
          const inputs = inputsOf({ ...picked, password: pass });
          const opened = openPkcs12(buildPfx(inputs), pass);
          const leaf = new crypto.X509Certificate(inputs.certificatePem);
          const chainCount = (inputs.chainPem?.match(/BEGIN CERTIFICATE/g) ?? []).length;
          assert.equal(opened.certificates.length, 1 + chainCount);
          assert.equal(
            new crypto.X509Certificate(opened.certificates[0]).serialNumber,
            leaf.serialNumber,
          );
          assert.ok(opened.privateKeyPem, "no key in the bundle");
          const spki = (key: crypto.KeyObject | string) =>
            crypto.createPublicKey(key).export({ type: "spki", format: "der" }).toString("hex");
          assert.equal(spki(opened.privateKeyPem), spki(identities[picked.identity].key));
        },
      ),
      { numRuns: 12 },
    );
  });

  it("derives salts and IV keyed by the private key, not from the public content alone", () => {
    const content = {
      leafDer: Buffer.from("a certificate"),
      chainDers: [Buffer.from("an issuer")],
      friendlyName: "name",
    };
    const keyA = { ...content, pkcs8Der: Buffer.from("key A") };
    const keyB = { ...content, pkcs8Der: Buffer.from("key B") };
    const a = deriveSalts(keyA);
    assert.deepEqual(deriveSalts(keyA), a);
    assert.equal(a.keySalt.length, 16);
    assert.equal(a.keyIv.length, 16);
    assert.equal(a.macSalt.length, 16);
    assert.equal(new Set([a.keySalt, a.keyIv, a.macSalt].map((b) => b.toString("hex"))).size, 3);
    const b = deriveSalts(keyB);
    for (const name of ["keySalt", "keyIv", "macSalt"] as const) {
      assert.notEqual(b[name].toString("hex"), a[name].toString("hex"), name);
    }
    // The length prefixes keep a byte from moving between fields unnoticed.
    const shifted = deriveSalts({
      ...keyA,
      leafDer: Buffer.from("a certificat"),
      chainDers: [Buffer.from("ean issuer")],
    });
    assert.notEqual(shifted.keySalt.toString("hex"), a.keySalt.toString("hex"));
  });

  it("encrypts the key as PBES2 that node:crypto decrypts with the password", () => {
    const key = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const encrypted = der(
      encryptPrivateKey(key.export({ type: "pkcs8", format: "der" }), {
        password: "pässwörd",
        salt: Buffer.alloc(16, 1),
        iv: Buffer.alloc(16, 2),
        iterations: 2048,
      }),
    );
    const decrypted = crypto.createPrivateKey({
      key: encrypted,
      format: "der",
      type: "pkcs8",
      passphrase: "pässwörd",
    });
    assert.equal(
      decrypted.export({ type: "pkcs8", format: "der" }).toString("hex"),
      key.export({ type: "pkcs8", format: "der" }).toString("hex"),
    );
    assert.throws(() =>
      crypto.createPrivateKey({ key: encrypted, format: "der", type: "pkcs8", passphrase: "x" }),
    );
  });
});
