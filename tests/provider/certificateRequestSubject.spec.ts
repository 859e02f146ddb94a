/**
 * CertificateRequest subjects reach the CSR exactly (issue 17): the issue's table as a regression, a
 * property over random values in every field (printable ASCII, RFC 4514 specials, any Unicode), and
 * the values a CSR cannot hold rejected at check, naming the field and the bound.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as hooks from "../../provider/csr/certificateRequest";
import { parseCsr } from "../../provider/core/x509";
import type { SubjectFields } from "../../provider/csr/subjectAttributes";
import { csrSubjectAttributes } from "../support/derSubject";
import { asOpensslPrints, opensslSubject } from "../support/opensslName";
import { readDistinguishedName } from "../support/rfc4514";
import {
  anySubject,
  everyFieldHolding,
  expectedAttributes,
  ISSUE_TABLE,
} from "../support/subjectCases";
import { subjectCsr } from "../support/subjectCsr";

/** openssl runs the property spends at most (each is a process; the rest check the DER only). */
const OPENSSL_RUNS = 25;

/** A CSR for `subject`; check passed the subject on as given (the country upper-cased). */
async function csrFor(subject: SubjectFields): Promise<string> {
  const { csrPem, checkedSubject } = await subjectCsr(subject);
  assert.deepEqual(checkedSubject, {
    ...subject,
    ...(subject.country ? { country: subject.country.toUpperCase() } : {}),
  });
  return csrPem;
}

/** `openssl req -verify` accepts the CSR and prints its subject as certplane's output does. */
async function assertOpensslAgrees(csrPem: string): Promise<void> {
  assert.equal(opensslSubject("req", csrPem), asOpensslPrints((await parseCsr(csrPem)).subject));
}

/** The CSR holds `subject` exactly, and its printed subject reads back to the same values. */
async function assertRoundTrip(subject: SubjectFields, csrPem: string): Promise<void> {
  const expected = expectedAttributes(subject);
  assert.deepEqual(csrSubjectAttributes(csrPem), expected);
  const printed = (await parseCsr(csrPem)).subject;
  assert.deepEqual(
    readDistinguishedName(printed)
      .flat()
      .map((a) => a.value),
    expected.map((a) => a.value),
  );
}

describe("CertificateRequest subjects reach the CSR exactly (issue 17)", () => {
  describe("regression: issue 17's table, in every free-text subject field", () => {
    for (const value of ISSUE_TABLE) {
      it(`${JSON.stringify(value)} is in the CSR unchanged, openssl verifies it and prints the same`, async () => {
        const subject = everyFieldHolding(value);
        const csr = await csrFor(subject);
        await assertRoundTrip(subject, csr);
        await assertOpensslAgrees(csr);
      });
    }

    it("prints the table's organizations escaped as RFC 4514 requires", async () => {
      const printed: string[] = [];
      for (const organization of ISSUE_TABLE) {
        printed.push((await parseCsr(await csrFor({ organization }))).subject);
      }
      assert.deepEqual(printed, [
        'O=Acme \\"Widgets\\" Ltd',
        'O=say \\"hi\\"',
        "O=back\\\\slash",
        "O=\\#hash",
        "O=Example\\, Inc.",
        "O=R\\+D",
        "O=a=b",
        "O=\\ lead",
        "O=semi\\;colon",
        "O=Zürich Ünïcødé 日本 🎉",
      ]);
    });
  });

  it("property: random values in every field round-trip through check and create; openssl verifies a sample", async () => {
    let opensslRuns = 0;
    await fc.assert(
      fc.asyncProperty(anySubject, async (subject) => {
        const csr = await csrFor(subject);
        await assertRoundTrip(subject, csr);
        if (opensslRuns < OPENSSL_RUNS) {
          opensslRuns++;
          await assertOpensslAgrees(csr);
        }
      }),
      { numRuns: 150 },
    );
    assert.equal(opensslRuns, OPENSSL_RUNS);
  });

  describe("values a CSR cannot hold fail at check, naming the field and the bound", () => {
    const longest: Array<[keyof SubjectFields, number, string]> = [
      ["commonName", 64, "RFC 5280 ub-common-name"],
      ["organization", 64, "RFC 5280 ub-organization-name"],
      ["organizationalUnit", 64, "RFC 5280 ub-organizational-unit-name"],
      ["province", 128, "RFC 5280 ub-state-name"],
      ["locality", 128, "RFC 5280 ub-locality-name"],
      ["postalCode", 40, "X.520 ub-postal-code"],
      ["serialNumber", 64, "RFC 5280 ub-serial-number"],
    ];
    for (const [field, max, bound] of longest) {
      it(`${field}: ${max} characters are made, ${max + 1} are rejected`, async () => {
        // Characters count as ASN.1 counts them: "é" is one, whatever its UTF-8 or UTF-16 length.
        const char = field === "serialNumber" ? "7" : "é";
        const fits = { [field]: char.repeat(max) } as SubjectFields;
        await assertRoundTrip(fits, await csrFor(fits));
        const tooLong = char.repeat(max + 1);
        const { failures } = await hooks.check({}, { subject: { [field]: tooLong } });
        assert.deepEqual(failures, [
          {
            property: `subject.${field}`,
            reason:
              `subject.${field} must have at most ${max} characters, the most a CSR's ${field} can ` +
              `hold (${bound}); got ${max + 1}: ${JSON.stringify(tooLong.length > 80 ? `${tooLong.slice(0, 77)}...` : tooLong)}.`,
          },
        ]);
      });
    }

    it("a commonName of 64 astral characters (128 UTF-16 units) is made", async () => {
      const subject = { commonName: "🎉".repeat(64) };
      await assertRoundTrip(subject, await csrFor(subject));
    });

    const rejected: Array<[string, SubjectFields, string, string]> = [
      [
        "a street address of 129 characters",
        { commonName: "a", streetAddresses: ["ok", "s".repeat(129)] },
        "subject.streetAddresses[1]",
        `subject.streetAddresses[1] must have at most 128 characters, the most a CSR's streetAddresses can hold (X.520 ub-street-address); got 129: "${"s".repeat(77)}...".`,
      ],
      [
        "an emailAddress of 256 characters",
        { emailAddress: `${"e".repeat(244)}@example.com` },
        "subject.emailAddress",
        `subject.emailAddress must have at most 255 characters, the most a CSR's emailAddress can hold (RFC 5280 ub-emailaddress-length); got 256: "${"e".repeat(77)}...".`,
      ],
      [
        "a serialNumber outside PrintableString",
        { serialNumber: "SN#1" },
        "subject.serialNumber",
        `subject.serialNumber must use only the characters of an ASN.1 PrintableString (letters, digits, space and ' ( ) + , - . / : = ?), the only string type serialNumber has in a certificate; got "SN#1".`,
      ],
      [
        "a non-ASCII emailAddress",
        { emailAddress: "zoë@example.com" },
        "subject.emailAddress",
        'subject.emailAddress must be ASCII: emailAddress is an IA5String in a certificate (PKCS#9); got "zoë@example.com".',
      ],
      [
        "a country of three letters",
        { country: "USA" },
        "subject.country",
        'subject.country must be a two-letter ISO 3166 country code such as "US"; got "USA".',
      ],
      [
        "a country that is not letters",
        { country: "1é" },
        "subject.country",
        'subject.country must be a two-letter ISO 3166 country code such as "US"; got "1é".',
      ],
      [
        "an unpaired UTF-16 surrogate",
        { commonName: "a\ud800b" },
        "subject.commonName",
        'subject.commonName holds an unpaired UTF-16 surrogate, which no certificate string can encode; got "a\\ud800b".',
      ],
    ];
    for (const [label, subject, property, reason] of rejected) {
      it(`rejects ${label}`, async () => {
        const { failures } = await hooks.check({}, { subject });
        assert.deepEqual(failures, [{ property, reason }]);
      });
    }
  });
});
