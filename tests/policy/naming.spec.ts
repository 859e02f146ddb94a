import assert from "node:assert/strict";
import { DOORS, UNKNOWN, violationsOf } from "./policyHarness";

const SSH = "certplane:appviewx:SshCertificate";

describe("policy: naming rules", () => {
  describe("certplane-ssh-principals (default: no root)", () => {
    const RULE = "certplane-ssh-principals";
    for (const door of DOORS) {
      it(`${door} door: root (any case) fails, naming the index; other principals pass`, async () => {
        const cert = (principals: unknown) => ({
          token: SSH,
          door,
          name: "deploy",
          props: { principals },
        });
        assert.deepEqual(await violationsOf(RULE, cert(["deploy", "admin"])), []);
        assert.deepEqual(await violationsOf(RULE, cert(["deploy", "Root"])), [
          'appviewx.SshCertificate "deploy": principals[1] is "Root", a forbidden principal: none of root (forbidden).',
        ]);
      });
    }

    it("allowedPatterns: every principal must match one; unknown principals are skipped", async () => {
      const settings = { [RULE]: { allowedPatterns: ["deploy-*", "*.example.com"] } };
      const cert = (principals: unknown) => ({ token: SSH, name: "h", props: { principals } });
      assert.deepEqual(
        await violationsOf(RULE, cert(["deploy-ci", "web1.example.com"]), settings),
        [],
      );
      assert.deepEqual(await violationsOf(RULE, cert(["a.web1.example.com", UNKNOWN]), settings), [
        'appviewx.SshCertificate "h": principals[0] is "a.web1.example.com", a name no pattern allows: a match for one of deploy-*, *.example.com (allowedPatterns).',
      ]);
      assert.deepEqual(await violationsOf(RULE, cert(UNKNOWN), settings), []);
    });
  });

  describe("certplane-dns-names (disabled by default)", () => {
    const RULE = "certplane-dns-names";
    const settings = {
      [RULE]: {
        enforcementLevel: "mandatory" as const,
        allowedPatterns: ["*.example.com", "**.corp.example.net"],
      },
    };

    it("CertificateRequest dnsNames: * is one label, ** any; a name outside fails", async () => {
      const csr = (dnsNames: unknown) => ({
        token: "certplane:index:CertificateRequest",
        name: "api",
        props: { dnsNames },
      });
      assert.deepEqual(
        await violationsOf(
          RULE,
          csr(["api.example.com", "a.b.corp.example.net", "*.example.com"]),
          settings,
        ),
        [],
      );
      assert.deepEqual(
        await violationsOf(RULE, csr(["api.example.com", "a.b.example.com"]), settings),
        [
          'CertificateRequest "api": dnsNames[1] is "a.b.example.com", a name no pattern allows: a match for one of *.example.com, **.corp.example.net (allowedPatterns).',
        ],
      );
      assert.deepEqual(await violationsOf(RULE, csr([UNKNOWN]), settings), []);
    });

    it("Oracle SBC alternateNames: only DNS: entries are names", async () => {
      const record = {
        token: "certplane:oraclesbc:CertificateRecord",
        name: "sbc",
        props: { alternateNames: ["DNS:sbc.example.org", "IP:10.0.0.5", "DNS:sbc.example.com"] },
      };
      assert.deepEqual(await violationsOf(RULE, record, settings), [
        'oraclesbc.CertificateRecord "sbc": alternateNames[0] is "DNS:sbc.example.org", a name no pattern allows: a match for one of *.example.com, **.corp.example.net (allowedPatterns).',
      ]);
    });

    it("is a disabled policy unless a pack turns it on", async () => {
      const { certplanePolicies } = await import("../../policy/rules");
      const policy = certplanePolicies().find((p) => p.name === RULE);
      assert.equal(policy?.enforcementLevel, "disabled");
    });
  });
});
