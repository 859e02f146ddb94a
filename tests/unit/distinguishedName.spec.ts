/**
 * The `subject`/`issuer` outputs (provider/core/distinguishedName.ts via parseCertificate): exactly
 * what openssl prints with certplane's name options, RFC 4514 escaping that reads back to the encoded
 * values, whatever the string type, and the familiar form unchanged where nothing needs escaping.
 */
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import fc from "fast-check";
import { parseCertificate } from "../../provider/core/x509";
import { x509 } from "../../provider/core/peculiar";
import { certificateSubjectAttributes } from "../support/derSubject";
import { asOpensslPrints, opensslSubject } from "../support/opensslName";
import { readDistinguishedName } from "../support/rfc4514";
import { freeText } from "../support/subjectCases";

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

/** A self-signed certificate named `name` (so subject and issuer are both `name`). */
async function certificateNamed(name: x509.Name | string): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, false, [
    "sign",
    "verify",
  ])) as unknown as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name,
    keys,
    signingAlgorithm: ALGORITHM,
    notBefore: new Date("2026-01-01T00:00:00Z"),
    notAfter: new Date("2027-01-01T00:00:00Z"),
  });
  return certificate.toString("pem");
}

type CryptoKeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"];

/** Attribute types with the short name openssl prints for them. */
const TYPES: Array<[string, string]> = [
  ["2.5.4.3", "CN"],
  ["2.5.4.4", "SN"],
  ["2.5.4.5", "serialNumber"],
  ["2.5.4.6", "C"],
  ["2.5.4.7", "L"],
  ["2.5.4.8", "ST"],
  ["2.5.4.9", "street"],
  ["2.5.4.10", "O"],
  ["2.5.4.11", "OU"],
  ["2.5.4.12", "title"],
  ["2.5.4.13", "description"],
  ["2.5.4.15", "businessCategory"],
  ["2.5.4.17", "postalCode"],
  ["2.5.4.42", "GN"],
  ["2.5.4.43", "initials"],
  ["2.5.4.44", "generationQualifier"],
  ["2.5.4.46", "dnQualifier"],
  ["2.5.4.65", "pseudonym"],
  ["2.5.4.97", "organizationIdentifier"],
  ["1.2.840.113549.1.9.1", "emailAddress"],
  ["0.9.2342.19200300.100.1.1", "UID"],
  ["0.9.2342.19200300.100.1.25", "DC"],
  ["1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"],
  ["1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"],
  ["1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"],
];

/** A value in a string type that can hold it. */
const typedValue = freeText(30).chain((value) => {
  const types: Array<keyof x509.JsonAttributeObject> = ["utf8String"];
  if (/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)) types.push("printableString");
  if (/^[\x00-\x7f]*$/.test(value)) types.push("ia5String");
  if (![...value].some((c) => (c.codePointAt(0) as number) > 0xffff)) {
    // @peculiar/x509 writes astral characters wrongly in both wide types (as surrogates).
    types.push("bmpString", "universalString");
  }
  return fc.constantFrom(...types).map((type) => ({ value, type }));
});

describe("subject and issuer outputs: RFC 4514 escaping, as openssl prints", () => {
  it("keeps the familiar form where nothing needs escaping", async () => {
    const pem = await certificateNamed("C=US, ST=NC, L=Charlotte, O=NetFoundry, CN=NetFoundry");
    const info = parseCertificate(pem);
    assert.equal(info.subject, "C=US, ST=NC, L=Charlotte, O=NetFoundry, CN=NetFoundry");
    assert.equal(info.issuer, info.subject);
  });

  it("regression: a trailing space stays escaped (the output used to end in a lone backslash)", async () => {
    const name = new x509.Name([
      { "2.5.4.10": [{ utf8String: "trail " }] },
      { "2.5.4.3": [{ utf8String: "x" }] },
    ]);
    const subject = parseCertificate(await certificateNamed(name)).subject;
    assert.equal(subject, "O=trail\\ , CN=x");
    assert.deepEqual(readDistinguishedName(subject), [
      [{ type: "O", value: "trail " }],
      [{ type: "CN", value: "x" }],
    ]);
  });

  it("prints multi-valued RDNs, control characters, and unknown types as openssl does", async () => {
    const name = new x509.Name([
      { "2.5.4.11": [{ utf8String: "#hash" }, { utf8String: " lead" }] },
      { "2.5.4.3": [{ utf8String: "line\nbreak\u0000nul\u007fdel" }] },
      { "1.2.3.4": [{ utf8String: "unknown type" }] },
    ]);
    const pem = await certificateNamed(name);
    const subject = parseCertificate(pem).subject;
    assert.equal(
      subject,
      "OU=\\#hash + OU=\\ lead, CN=line\\0Abreak\\00nul\\7Fdel, 1.2.3.4=#0C0C756E6B6E6F776E2074797065",
    );
    assert.equal(subject, opensslSubject("x509", pem));
    assert.deepEqual(readDistinguishedName(subject), [
      [
        { type: "OU", value: "#hash" },
        { type: "OU", value: " lead" },
      ],
      [{ type: "CN", value: "line\nbreak\u0000nul\u007fdel" }],
      [{ type: "1.2.3.4", hex: "0C0C756E6B6E6F776E2074797065" }],
    ]);
  });

  it("property: any value, any string type, any common attribute type — openssl's print, read back exactly", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...TYPES), typedValue), { minLength: 1, maxLength: 6 }),
        async (attributes) => {
          const name = new x509.Name(
            attributes.map(([[oid], { value, type }]) => ({ [oid]: [{ [type]: value }] })),
          );
          const pem = await certificateNamed(name);
          const info = parseCertificate(pem);
          assert.equal(asOpensslPrints(info.subject), opensslSubject("x509", pem));
          assert.equal(info.issuer, info.subject);
          assert.deepEqual(
            readDistinguishedName(info.subject),
            attributes.map(([[, short], { value }]) => [{ type: short, value }]),
          );
          assert.deepEqual(
            certificateSubjectAttributes(pem).map((a) => a.value),
            attributes.map(([, { value }]) => value),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
