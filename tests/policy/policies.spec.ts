import assert from "node:assert/strict";
import {
  CERTPLANE_RULES,
  certplanePolicies,
  type CertplanePolicySettings,
} from "../../policy/rules";

describe("policy: certplanePolicies() settings", () => {
  it("returns one policy per rule at its default level, the stack rule as a stack policy", () => {
    const policies = certplanePolicies();
    assert.deepEqual(
      policies.map((p) => [
        p.name,
        p.enforcementLevel,
        "validateStack" in p ? "stack" : "resource",
      ]),
      [
        ["certplane-key-strength", "mandatory", "resource"],
        ["certplane-certificate-validity", "mandatory", "resource"],
        ["certplane-ssh-certificate-validity", "mandatory", "resource"],
        ["certplane-token-lifetime", "mandatory", "resource"],
        ["certplane-renewal-window", "mandatory", "resource"],
        ["certplane-key-rotation", "advisory", "stack"],
        ["certplane-tls-verification", "mandatory", "resource"],
        ["certplane-ca-bundle", "advisory", "resource"],
        ["certplane-proxy-credentials", "mandatory", "resource"],
        ["certplane-ssh-principals", "advisory", "resource"],
        ["certplane-dns-names", "disabled", "resource"],
      ],
    );
    assert.equal(policies.length, CERTPLANE_RULES.length);
  });

  it("a level or a level with options; the options become the config schema's defaults", () => {
    const policies = certplanePolicies({
      "certplane-ca-bundle": "disabled",
      "certplane-certificate-validity": { enforcementLevel: "advisory", maxHours: 720 },
    });
    const byName = new Map(policies.map((p) => [p.name, p]));
    assert.equal(byName.get("certplane-ca-bundle")?.enforcementLevel, "disabled");
    const validity = byName.get("certplane-certificate-validity");
    assert.equal(validity?.enforcementLevel, "advisory");
    assert.deepEqual(validity?.configSchema, {
      properties: { maxHours: { type: "integer", minimum: 1, default: 720 } },
    });
    assert.equal(byName.get("certplane-tls-verification")?.configSchema, undefined);
  });

  it("failing case: an unknown rule or option throws, naming it and what exists", () => {
    assert.throws(
      () => certplanePolicies({ "certplane-key-strenght": "mandatory" } as CertplanePolicySettings),
      /no rule "certplane-key-strenght"; the rules are certplane-key-strength, /,
    );
    assert.throws(
      () =>
        certplanePolicies({
          "certplane-certificate-validity": { maxDays: 90 },
        } as unknown as CertplanePolicySettings),
      /certplane-certificate-validity has no option "maxDays"; its options are maxHours/,
    );
  });
});
