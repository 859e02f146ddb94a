import assert from "node:assert/strict";
import { DOORS, UNKNOWN, violationsOf } from "./policyHarness";

const PCA = "certplane:pca:SignedCertificate";
const SSH = "certplane:appviewx:SshCertificate";
const PAT = "certplane:pca:PersonalAccessToken";

describe("policy: validity limits", () => {
  describe("certplane-certificate-validity (PCA certDurationHours, default at most 2160)", () => {
    const RULE = "certplane-certificate-validity";
    for (const door of DOORS) {
      it(`${door} door: exactly 2160 passes, 2161 fails`, async () => {
        const at = { token: PCA, door, name: "api", props: { certDurationHours: 2160 } };
        assert.deepEqual(await violationsOf(RULE, at), []);
        assert.deepEqual(await violationsOf(RULE, { ...at, props: { certDurationHours: 2161 } }), [
          'pca.SignedCertificate "api": certDurationHours is 2161, longer than allowed: at most 2160 hours (maxHours).',
        ]);
      });
    }

    it("uses the pack's maxHours, and a config file's over it; skips an unknown duration", async () => {
      const cert = { token: PCA, name: "c", props: { certDurationHours: 800 } };
      assert.deepEqual(await violationsOf(RULE, cert, { [RULE]: { maxHours: 800 } }), []);
      assert.deepEqual(
        await violationsOf(RULE, cert, { [RULE]: { maxHours: 800 } }, { maxHours: 799 }),
        [
          'pca.SignedCertificate "c": certDurationHours is 800, longer than allowed: at most 799 hours (maxHours).',
        ],
      );
      const unknown = { token: PCA, props: { certDurationHours: UNKNOWN } };
      assert.deepEqual(await violationsOf(RULE, unknown, { [RULE]: { maxHours: 1 } }), []);
    });

    it("a certificate without certDurationHours gets the provider's default, 2160", async () => {
      const cert = { token: PCA, name: "d", props: {} };
      assert.deepEqual(await violationsOf(RULE, cert, { [RULE]: { maxHours: 2159 } }), [
        'pca.SignedCertificate "d": certDurationHours is 2160, longer than allowed: at most 2159 hours (maxHours).',
      ]);
    });
  });

  describe("certplane-ssh-certificate-validity (AppViewX, default at most 720 hours)", () => {
    const RULE = "certplane-ssh-certificate-validity";
    for (const door of DOORS) {
      it(`${door} door: 30 days passes, 721 hours fails`, async () => {
        const at = {
          token: SSH,
          door,
          name: "web1",
          props: { validityValue: 30, validityUnit: "days" },
        };
        assert.deepEqual(await violationsOf(RULE, at), []);
        const over = { ...at, props: { validityValue: 721, validityUnit: "hours" } };
        assert.deepEqual(await violationsOf(RULE, over), [
          'appviewx.SshCertificate "web1": validityValue is 721 "hours" (721 hours), longer than allowed: at most 720 hours (maxHours).',
        ]);
      });
    }

    it("counts weeks, months (30 days) and years (365 days), any case; skips unknowns and unknown units", async () => {
      const cert = (validityValue: unknown, validityUnit: unknown) => ({
        token: SSH,
        name: "s",
        props: { validityValue, validityUnit },
      });
      assert.deepEqual(await violationsOf(RULE, cert(1, "Months")), []);
      assert.equal((await violationsOf(RULE, cert(5, "weeks"))).length, 1);
      assert.equal((await violationsOf(RULE, cert(1, "years"))).length, 1);
      assert.deepEqual(await violationsOf(RULE, cert(UNKNOWN, "years")), []);
      assert.deepEqual(await violationsOf(RULE, cert(9, UNKNOWN)), []);
      assert.deepEqual(await violationsOf(RULE, cert(9, "fortnights")), []);
    });
  });

  describe("certplane-token-lifetime (PAT, default at most 2160 hours)", () => {
    const RULE = "certplane-token-lifetime";
    for (const door of DOORS) {
      it(`${door} door: lifetimeHours 2160 passes, 2161 fails`, async () => {
        const at = { token: PAT, door, name: "gnmi", props: { lifetimeHours: 2160 } };
        assert.deepEqual(await violationsOf(RULE, at), []);
        assert.deepEqual(await violationsOf(RULE, { ...at, props: { lifetimeHours: 2161 } }), [
          'pca.PersonalAccessToken "gnmi": lifetimeHours is 2161, longer than allowed: at most 2160 hours (maxHours).',
        ]);
      });
    }

    it("an expirationDate exactly 2160 hours from now passes, one hour later fails, naming the latest date", async () => {
      // NOW is 2030-01-01T00:00:00Z; 2160 hours (90 days) later is 2030-04-01T00:00:00Z.
      const at = { token: PAT, name: "pinned", props: { expirationDate: "2030-04-01T00:00:00Z" } };
      assert.deepEqual(await violationsOf(RULE, at), []);
      const over = { ...at, props: { expirationDate: "2030-04-01T01:00:00Z" } };
      assert.deepEqual(await violationsOf(RULE, over), [
        'pca.PersonalAccessToken "pinned": expirationDate is "2030-04-01T01:00:00Z" (2161 hours from now), later than allowed: at most 2160 hours from now (maxHours): 2030-04-01T00:00:00.000Z or earlier.',
      ]);
      for (const expirationDate of [UNKNOWN, "next tuesday"]) {
        assert.deepEqual(await violationsOf(RULE, { token: PAT, props: { expirationDate } }), []);
      }
      assert.deepEqual(
        await violationsOf(RULE, { token: PAT, props: { lifetimeHours: UNKNOWN } }),
        [],
      );
    });
  });
});
