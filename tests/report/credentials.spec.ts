/**
 * The table of output meanings (report/credentials.ts) against schema/schema.json: every output it
 * names is one the schema declares and none is secret, and every certplane resource with an expiry
 * output is in it (a new resource type cannot be silently left out of the report).
 */
import { strict as assert } from "node:assert";
import { PACKAGE_SCHEMA } from "../../provider/core/packageSchema";
import { CERTPLANE_CREDENTIALS, type CredentialOutputs } from "../../report/credentials";

const OUTPUT_ROLES: (keyof CredentialOutputs)[] = [
  "notAfter",
  "notBefore",
  "serial",
  "subject",
  "principals",
  "owner",
  "certificatePem",
  "earlyRenewalHours",
];

describe("report credential table", () => {
  it("names only public outputs the schema declares", () => {
    for (const [token, names] of Object.entries(CERTPLANE_CREDENTIALS)) {
      const properties = PACKAGE_SCHEMA.resources[token]?.properties;
      assert.ok(properties, `${token} is not in the schema`);
      for (const role of OUTPUT_ROLES) {
        const name = names[role];
        if (name === undefined) continue;
        assert.ok(properties[name], `${token}.${name} (${role}) is not an output`);
        assert.notEqual(properties[name].secret, true, `${token}.${name} is secret`);
      }
    }
  });

  it("covers every resource whose outputs hold an expiry, and only those", () => {
    const withExpiry = Object.entries(PACKAGE_SCHEMA.resources)
      .filter(([, r]) =>
        ["notAfter", "expirationDate", "validTo"].some((name) => name in r.properties),
      )
      .map(([token]) => token)
      .sort();
    assert.deepEqual(Object.keys(CERTPLANE_CREDENTIALS).sort(), withExpiry);
  });
});
