import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import * as hooks from "../../provider/csr/certificateRequest";
import { spkiSha256 } from "../../provider/core/x509";
import { csrPublicKey, tempFile, verifyCsr } from "../support/openssl";

async function make(news: Record<string, unknown>) {
  const checked = await hooks.check({}, news);
  assert.deepEqual(checked.failures, []);
  return hooks.create(checked.inputs);
}

describe("CertificateRequest hooks", () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ["RSA 2048", { algorithm: "RSA", rsaBits: 2048 }, /Public-Key: \(2048 bit\)/],
    ["RSA 3072", { algorithm: "RSA", rsaBits: 3072 }, /Public-Key: \(3072 bit\)/],
    ["RSA 4096", { algorithm: "RSA", rsaBits: 4096 }, /Public-Key: \(4096 bit\)/],
    ["ECDSA P256", { algorithm: "ECDSA", ecdsaCurve: "P256" }, /NIST CURVE: P-256/],
    ["ECDSA P384", { algorithm: "ECDSA", ecdsaCurve: "P384" }, /NIST CURVE: P-384/],
    ["ECDSA P521", { algorithm: "ECDSA", ecdsaCurve: "P521" }, /NIST CURVE: P-521/],
    ["ED25519", { algorithm: "ED25519" }, /Public Key Algorithm: ED25519/],
  ];
  for (const [label, keyArgs, keyLine] of cases) {
    it(`makes a CSR openssl verifies, with the requested subject and SANs: ${label}`, async () => {
      const { id, outs } = await make({
        ...keyArgs,
        subject: {
          commonName: "nso-user",
          organization: "Acme",
          organizationalUnit: "NetOps",
          country: "us",
          province: "MA",
          locality: "Boston",
          postalCode: "02110",
          streetAddresses: ["1 Main St"],
          serialNumber: "42",
        },
        dnsNames: ["nso.example.com", "*.nso.example.com"],
        ipAddresses: ["10.0.0.1", "2001:db8::1"],
        uris: ["spiffe://example.org/nso"],
        emailAddresses: ["ops@example.com"],
      });
      const { subject, text } = verifyCsr(outs.certRequestPem);
      assert.equal(
        subject,
        "serialNumber=42,CN=nso-user,OU=NetOps,O=Acme,postalCode=02110,street=1 Main St,L=Boston,ST=MA,C=US",
      );
      assert.match(text, keyLine);
      assert.match(
        text,
        /DNS:nso\.example\.com, DNS:\*\.nso\.example\.com, IP Address:10\.0\.0\.1, IP Address:2001:DB8:0:0:0:0:0:1, URI:spiffe:\/\/example\.org\/nso, email:ops@example\.com/,
      );
      assert.equal(id, outs.publicKeyFingerprintSha256);
      assert.match(outs.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
      assert.equal(outs.keyGenerated, true);
      assert.equal(outs.schemaVersion, 1);
      // The CSR, the public key PEM and the private key are one key pair.
      const csrKey = csrPublicKey(outs.certRequestPem);
      assert.equal(spkiSha256(csrKey), spkiSha256(outs.privateKeyPem));
      assert.equal(spkiSha256(outs.publicKeyPem), spkiSha256(outs.privateKeyPem));
      // ssh-keygen agrees with the OpenSSH form and fingerprint.
      const fp = execFileSync(
        "ssh-keygen",
        ["-l", "-E", "sha256", "-f", tempFile("k.pub", outs.publicKeyOpenssh)],
        { encoding: "utf8" },
      );
      assert.equal(fp.split(" ")[1], outs.publicKeyFingerprintSha256);
    });
  }

  it("replays seed 000's openssl req -subj /CN=nso-user: the same subject, no SANs", async () => {
    const { outs } = await make({ subject: { commonName: "nso-user" } });
    const { subject, text } = verifyCsr(outs.certRequestPem);
    assert.equal(subject, "CN=nso-user");
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.doesNotMatch(text, /Subject Alternative Name/);
    assert.equal(outs.algorithm, "RSA");
    assert.equal(outs.rsaBits, 2048);
  });

  for (const [label, key] of [
    [
      "PKCS#1 RSA",
      generateKeyPairSync("rsa", { modulusLength: 2048 })
        .privateKey.export({ type: "pkcs1", format: "pem" })
        .toString(),
    ],
    [
      "SEC1 EC P-384",
      generateKeyPairSync("ec", { namedCurve: "P-384" })
        .privateKey.export({ type: "sec1", format: "pem" })
        .toString(),
    ],
    [
      "PKCS#8 Ed25519",
      generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    ],
  ] as const) {
    it(`makes the CSR for a bring-your-own ${label} key`, async () => {
      const { outs } = await make({ privateKeyPem: key, subject: { commonName: "byo" } });
      const csrKey = csrPublicKey(outs.certRequestPem);
      assert.equal(spkiSha256(csrKey), spkiSha256(createPublicKey(key)));
      assert.equal(outs.keyGenerated, false);
      assert.match(outs.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
      verifyCsr(outs.certRequestPem);
    });
  }

  describe("check failures name the property, the value and what is allowed", () => {
    const failing: Array<
      [string, Record<string, unknown>, Array<{ property: string; reason: string }>]
    > = [
      [
        "unknown algorithm",
        { algorithm: "DSA", subject: { commonName: "a" } },
        [
          {
            property: "algorithm",
            reason: 'algorithm must be one of "RSA", "ECDSA", "ED25519"; got "DSA".',
          },
        ],
      ],
      [
        "rsaBits 1000",
        { rsaBits: 1000, subject: { commonName: "a" } },
        [{ property: "rsaBits", reason: "rsaBits must be one of 2048, 3072, 4096; got 1000." }],
      ],
      [
        "curve P999",
        { algorithm: "ECDSA", ecdsaCurve: "P999", subject: { commonName: "a" } },
        [
          {
            property: "ecdsaCurve",
            reason: 'ecdsaCurve must be one of "P256", "P384", "P521"; got "P999".',
          },
        ],
      ],
      [
        "malformed IP SAN",
        { ipAddresses: ["10.0.0.300"], subject: { commonName: "a" } },
        [
          {
            property: "ipAddresses[0]",
            reason:
              'ipAddresses[0] must be an IPv4 or IPv6 address such as "10.0.0.1"; got "10.0.0.300".',
          },
        ],
      ],
      [
        "rsaBits with ECDSA",
        { algorithm: "ECDSA", rsaBits: 2048, subject: { commonName: "a" } },
        [
          {
            property: "rsaBits",
            reason:
              'rsaBits applies only to algorithm "RSA"; got rsaBits 2048 with algorithm "ECDSA". Remove rsaBits.',
          },
        ],
      ],
      [
        "country of three letters",
        { subject: { commonName: "a", country: "USA" } },
        [
          {
            property: "subject.country",
            reason:
              'subject.country must be a two-letter ISO 3166 country code such as "US"; got "USA".',
          },
        ],
      ],
      [
        "nothing identifying",
        { algorithm: "RSA" },
        [
          {
            property: "subject",
            reason:
              "subject is empty and no subject alternative name is given: a CSR must name what it is for. Set subject.commonName or one of dnsNames, ipAddresses, uris, emailAddresses.",
          },
        ],
      ],
      [
        "bad DNS name",
        { dnsNames: ["bad name.example"] },
        [
          {
            property: "dnsNames[0]",
            reason:
              'dnsNames[0] must be a DNS name such as "api.example.com" or "*.example.com"; got "bad name.example".',
          },
        ],
      ],
      [
        "unknown subject field",
        { subject: { cn: "a" } },
        [
          {
            property: "subject.cn",
            reason:
              "subject.cn is not a subject field; allowed: country, province, locality, streetAddresses, postalCode, organization, organizationalUnit, commonName, serialNumber, emailAddress.",
          },
        ],
      ],
    ];
    for (const [label, news, failures] of failing) {
      it(label, async () => assert.deepEqual((await hooks.check({}, news)).failures, failures));
    }

    it("both privateKeyPem and algorithm parameters, without printing the key", async () => {
      const key = generateKeyPairSync("rsa", { modulusLength: 2048 })
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString();
      const { failures } = await hooks.check(
        {},
        { privateKeyPem: key, algorithm: "RSA", rsaBits: 4096, subject: { commonName: "a" } },
      );
      assert.deepEqual(failures, [
        {
          property: "privateKeyPem",
          reason:
            "privateKeyPem (bring your own key) cannot be combined with algorithm, rsaBits: the key decides its own algorithm and size. Remove algorithm, rsaBits, or remove privateKeyPem to have a key generated.",
        },
      ]);
    });

    it("a damaged or too small own key, without printing it", async () => {
      const small = generateKeyPairSync("rsa", { modulusLength: 1024 })
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString();
      assert.deepEqual(
        (await hooks.check({}, { privateKeyPem: small, subject: { commonName: "a" } })).failures,
        [
          {
            property: "privateKeyPem",
            reason: "privateKeyPem is a 1024-bit RSA key; at least 2048 bits are required.",
          },
        ],
      );
      const damaged = "-----BEGIN PRIVATE KEY-----\nMIIEdamaged\n-----END PRIVATE KEY-----\n";
      const { failures } = await hooks.check(
        {},
        { privateKeyPem: damaged, subject: { commonName: "a" } },
      );
      assert.deepEqual(failures, [
        {
          property: "privateKeyPem",
          reason:
            "privateKeyPem could not be parsed as a private key (the PEM is damaged or passphrase-protected).",
        },
      ]);
      assert.ok(!JSON.stringify(failures).includes("MIIEdamaged"));
    });

    it("passes the engine's unknown sentinel through during preview", async () => {
      const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      const { inputs, failures } = await hooks.check(
        {},
        { algorithm: U, subject: U, dnsNames: [U, "ok.example"], ipAddresses: U },
      );
      assert.deepEqual(failures, []);
      assert.deepEqual(inputs, {
        algorithm: U,
        subject: U,
        dnsNames: [U, "ok.example"],
        ipAddresses: U,
      });
    });

    it("normalizes: defaults applied, country upper-cased, empty lists dropped", async () => {
      const { inputs } = await hooks.check(
        {},
        { subject: { commonName: "a", country: "de" }, dnsNames: [] },
      );
      assert.deepEqual(inputs, {
        algorithm: "RSA",
        rsaBits: 2048,
        subject: { commonName: "a", country: "DE" },
      });
    });
  });

  describe("diff", () => {
    it("reports no change for the same normalized inputs, and replaces on any change", async () => {
      const { inputs } = await hooks.check(
        {},
        { algorithm: "ECDSA", subject: { commonName: "a" }, dnsNames: ["a.example"] },
      );
      const { outs } = await hooks.create(inputs);
      assert.deepEqual(await hooks.diff("id", outs, inputs), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      const changed = (
        await hooks.check(
          {},
          {
            algorithm: "ECDSA",
            ecdsaCurve: "P384",
            subject: { commonName: "b" },
            dnsNames: ["a.example"],
          },
        )
      ).inputs;
      assert.deepEqual(await hooks.diff("id", outs, changed), {
        changes: true,
        replaces: ["ecdsaCurve", "subject"],
        deleteBeforeReplace: false,
      });
    });

    it("keeps a bring-your-own key given in another PEM encoding as unchanged", async () => {
      const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      const pkcs1 = key.export({ type: "pkcs1", format: "pem" }).toString();
      const { inputs } = await hooks.check(
        {},
        { privateKeyPem: pkcs1, subject: { commonName: "a" } },
      );
      const { outs } = await hooks.create(inputs);
      assert.notEqual(outs.privateKeyPem, pkcs1);
      assert.equal((await hooks.diff("id", outs, inputs)).changes, false);
    });

    it("replaces when an unknown value arrives for a property (preview)", async () => {
      const { inputs } = await hooks.check({}, { subject: { commonName: "a" } });
      const { outs } = await hooks.create(inputs);
      const result = await hooks.diff("id", outs, {
        ...inputs,
        subject: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" as never,
      });
      assert.deepEqual(result.replaces, ["subject"]);
    });
  });
});
