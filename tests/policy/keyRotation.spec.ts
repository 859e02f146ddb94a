import assert from "node:assert/strict";
import { DOORS, UNKNOWN, stackViolationsOf, type StackCase } from "./policyHarness";

const RULE = "certplane-key-rotation";
const CSR = "certplane:index:CertificateRequest";

function pair(
  door: StackCase["door"],
  rotateAfterHours: unknown,
  earlyRenewalHours = 240,
): StackCase[] {
  return [
    { token: CSR, door, name: "nso-user", props: { rotateAfterHours } },
    {
      token: "certplane:pca:SignedCertificate",
      door,
      name: "nso-cert",
      props: { certDurationHours: 2160, earlyRenewalHours },
      inputSources: { certRequestPem: ["nso-user"] },
    },
  ];
}

describe("policy certplane-key-rotation (stack: a key that feeds a renewing signer rotates)", () => {
  for (const door of DOORS) {
    it(`${door} door: rotateAfterHours exactly validity − window passes, one more fails on the key`, async () => {
      assert.deepEqual(await stackViolationsOf(RULE, pair(door, 1920)), []);
      const found = await stackViolationsOf(RULE, pair(door, 1921));
      assert.equal(found.length, 1);
      assert.match(found[0].urn, /::nso-user$/);
      assert.equal(
        found[0].message,
        'CertificateRequest "nso-user": rotateAfterHours is 1921, later than the renewal: its key feeds pca.SignedCertificate "nso-cert" (certRequestPem), which renews 240 hours before its 2160-hour validity ends: at most 1920 hours (the signer\'s validity − earlyRenewalHours), so each renewal is for a new key.',
      );
    });
  }

  it("failing case: a key that never rotates", async () => {
    const found = await stackViolationsOf(RULE, pair("plugin", undefined));
    assert.deepEqual(
      found.map((f) => f.message),
      [
        'CertificateRequest "nso-user": rotateAfterHours is not set (the key never rotates), its key feeds pca.SignedCertificate "nso-cert" (certRequestPem), which renews 240 hours before its 2160-hour validity ends: at most 1920 hours (the signer\'s validity − earlyRenewalHours), so each renewal is for a new key.',
      ],
    );
  });

  it("a signer without a renewal window, an unknown rotation, or a key that feeds nothing is not judged", async () => {
    assert.deepEqual(await stackViolationsOf(RULE, pair("plugin", undefined, 0)), []);
    assert.deepEqual(await stackViolationsOf(RULE, pair("plugin", UNKNOWN)), []);
    assert.deepEqual(await stackViolationsOf(RULE, [{ token: CSR, name: "alone", props: {} }]), []);
  });

  it("AppViewX (publicKey) and NetFoundry (certRequestPem) signers link their keys too", async () => {
    const found = await stackViolationsOf(RULE, [
      { token: CSR, name: "deploy", props: { rotateAfterHours: 145 } },
      {
        token: "certplane:appviewx:SshCertificate",
        name: "deploy-ssh",
        props: { validityValue: 7, validityUnit: "days", earlyRenewalHours: 24 },
        inputSources: { publicKey: ["deploy"] },
      },
      { token: CSR, name: "mesh", props: {} },
      {
        token: "certplane:netfoundry:ClientCertificate",
        name: "mesh-cert",
        props: { certRequestPem: UNKNOWN, earlyRenewalHours: 720 },
        inputSources: { certRequestPem: ["mesh"] },
      },
    ]);
    assert.deepEqual(
      found.map((f) => f.message.split(":")[0] + ": " + f.message.split("at most ")[1]),
      [
        'CertificateRequest "deploy": 144 hours (the signer\'s validity − earlyRenewalHours), so each renewal is for a new key.',
        'CertificateRequest "mesh": 8040 hours (the signer\'s validity − earlyRenewalHours), so each renewal is for a new key.',
      ],
    );
  });
});
