import assert from "node:assert/strict";
import { DOORS, UNKNOWN, violationsOf } from "./policyHarness";

const RULE = "certplane-renewal-window";
const PCA = "certplane:pca:SignedCertificate";

describe("policy certplane-renewal-window (earlyRenewalHours set, default at least 3% of the validity)", () => {
  for (const door of DOORS) {
    it(`${door} door: 65 hours on 2160 (exactly 3%, rounded up) passes, 64 fails, 0 fails as not set`, async () => {
      const cert = (earlyRenewalHours: unknown) => ({
        token: PCA,
        door,
        name: "api",
        props: { certDurationHours: 2160, earlyRenewalHours },
      });
      assert.deepEqual(await violationsOf(RULE, cert(65)), []);
      assert.deepEqual(await violationsOf(RULE, cert(64)), [
        'pca.SignedCertificate "api": earlyRenewalHours is 64, a shorter renewal window than allowed: at least 65 hours, 3% of the 2160-hour validity (minFraction).',
      ]);
      assert.deepEqual(await violationsOf(RULE, cert(0)), [
        'pca.SignedCertificate "api": earlyRenewalHours is 0 (not set: it is never renewed before it expires), no renewal window: at least 65 hours, 3% of the 2160-hour validity (minFraction).',
      ]);
    });
  }

  it("a resource without earlyRenewalHours gets the provider's default, 0: not set", async () => {
    const messages = await violationsOf(RULE, { token: PCA, name: "d", props: {} });
    assert.equal(messages.length, 1);
    assert.match(messages[0], /^pca\.SignedCertificate "d": earlyRenewalHours is 0 \(not set/);
  });

  it("a fraction that divides evenly: 24 hours is exactly 1/30 of a 720-hour SSH certificate", async () => {
    const ssh = (earlyRenewalHours: number) => ({
      token: "certplane:appviewx:SshCertificate",
      name: "web1",
      props: { validityValue: 30, validityUnit: "days", earlyRenewalHours },
    });
    const settings = { [RULE]: { minFraction: 1 / 30 } };
    assert.deepEqual(await violationsOf(RULE, ssh(24), settings), []);
    assert.equal((await violationsOf(RULE, ssh(23), settings)).length, 1);
  });

  it("PAT: by lifetimeHours, or by the hours left to a pinned expirationDate", async () => {
    const pat = { token: "certplane:pca:PersonalAccessToken", name: "gnmi" };
    assert.deepEqual(
      await violationsOf(RULE, { ...pat, props: { lifetimeHours: 1000, earlyRenewalHours: 30 } }),
      [],
    );
    assert.deepEqual(
      await violationsOf(RULE, { ...pat, props: { lifetimeHours: 1000, earlyRenewalHours: 29 } }),
      [
        'pca.PersonalAccessToken "gnmi": earlyRenewalHours is 29, a shorter renewal window than allowed: at least 30 hours, 3% of the 1000-hour validity (minFraction).',
      ],
    );
    // NOW is 2030-01-01: 1000 hours later is 2030-02-11T16:00:00Z.
    const pinned = { expirationDate: "2030-02-11T16:00:00Z", earlyRenewalHours: 29 };
    assert.equal((await violationsOf(RULE, { ...pat, props: pinned })).length, 1);
  });

  it("NetFoundry: a signed certificate (365 days) needs a window even while its CSR is unknown; an upload does not", async () => {
    const nf = { token: "certplane:netfoundry:ClientCertificate", name: "mesh" };
    assert.deepEqual(
      await violationsOf(RULE, {
        ...nf,
        props: { certRequestPem: UNKNOWN, earlyRenewalHours: 263 },
      }),
      [],
    );
    assert.deepEqual(
      await violationsOf(RULE, {
        ...nf,
        props: { certRequestPem: UNKNOWN, earlyRenewalHours: 262 },
      }),
      [
        'netfoundry.ClientCertificate "mesh": earlyRenewalHours is 262, a shorter renewal window than allowed: at least 263 hours, 3% of the 8760-hour validity (minFraction).',
      ],
    );
    assert.deepEqual(await violationsOf(RULE, { ...nf, props: { certificatePem: UNKNOWN } }), []);
  });

  it("unknowns: an unknown window is skipped; an unknown validity still needs a window set", async () => {
    const cert = (props: Record<string, unknown>) => ({ token: PCA, name: "u", props });
    assert.deepEqual(await violationsOf(RULE, cert({ earlyRenewalHours: UNKNOWN })), []);
    assert.deepEqual(
      await violationsOf(RULE, cert({ certDurationHours: UNKNOWN, earlyRenewalHours: 1 })),
      [],
    );
    assert.deepEqual(await violationsOf(RULE, cert({ certDurationHours: UNKNOWN })), [
      'pca.SignedCertificate "u": earlyRenewalHours is 0 (not set: it is never renewed before it expires), no renewal window: more than 0 hours, at least 3% (minFraction).',
    ]);
  });

  it("types that do not renew themselves (CSR, SBC record and import) are not judged", async () => {
    for (const token of [
      "certplane:index:CertificateRequest",
      "certplane:oraclesbc:CertificateRecord",
      "certplane:oraclesbc:CertificateImport",
    ]) {
      assert.deepEqual(await violationsOf(RULE, { token, props: {} }), [], token);
    }
  });
});
