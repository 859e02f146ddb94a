/**
 * The table of output meanings (report/credentials.ts) against schema/schema.json: every output it
 * names is one the schema declares and none is secret, and every certplane resource with an expiry
 * output is in it (a new resource type cannot be silently left out of the report). The key inputs it
 * follows to a CertificateRequest are the schema's inputs, and the request's outputs it reads exist.
 */
import { strict as assert } from "node:assert";
import { PACKAGE_SCHEMA } from "../../provider/core/packageSchema";
import {
  CERTPLANE_CREDENTIALS,
  KEY_SOURCE,
  type CredentialOutputs,
} from "../../report/credentials";

const OUTPUT_ROLES: readonly Exclude<keyof CredentialOutputs, "keyInputs" | "kind" | "vendor">[] = [
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

  it("follows key inputs the schema declares: the CSR or public key each certificate is issued for", () => {
    const keyInputs = Object.fromEntries(
      Object.entries(CERTPLANE_CREDENTIALS).map(([token, names]) => {
        const inputs = PACKAGE_SCHEMA.resources[token].inputProperties;
        for (const input of names.keyInputs ?? []) {
          assert.ok(inputs[input], `${token}.${input} is not an input`);
        }
        return [token, names.keyInputs ?? []];
      }),
    );
    assert.deepEqual(keyInputs, {
      "certplane:pca:SignedCertificate": ["certRequestPem", "privateKeyPem"],
      "certplane:pca:PersonalAccessToken": [],
      "certplane:appviewx:SshCertificate": ["publicKey"],
      "certplane:netfoundry:ClientCertificate": ["certRequestPem"],
      "certplane:oraclesbc:CertificateImport": [],
    });
  });

  it("reads the key's public outputs the schema declares on the CertificateRequest", () => {
    const properties = PACKAGE_SCHEMA.resources[KEY_SOURCE.token].properties;
    for (const name of [
      KEY_SOURCE.createdAt,
      KEY_SOURCE.rotateAfterHours,
      KEY_SOURCE.fingerprint,
    ]) {
      assert.ok(properties[name], `${KEY_SOURCE.token}.${name} is not an output`);
      assert.notEqual(properties[name].secret, true, `${KEY_SOURCE.token}.${name} is secret`);
    }
    assert.ok(
      PACKAGE_SCHEMA.resources[KEY_SOURCE.token].inputProperties[KEY_SOURCE.rotateAfterHours],
    );
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
