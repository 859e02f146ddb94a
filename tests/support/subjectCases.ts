/**
 * Subject values for the subject specs: the table of issue 17 (values a DN string used to change),
 * fast-check arbitraries for every subject field, and what a CSR's DER must then hold. Expectations
 * are written out here, not taken from the provider's own table, so the specs judge it.
 */
import fc from "fast-check";
import type { SubjectFields } from "../../provider/csr/subjectAttributes";

/** Issue 17's table: `subject.organization` values that came out changed (or failed) before the fix. */
export const ISSUE_TABLE = [
  'Acme "Widgets" Ltd',
  'say "hi"',
  "back\\slash",
  "#hash",
  "Example, Inc.",
  "R+D",
  "a=b",
  " lead",
  "semi;colon",
  "Zürich Ünïcødé 日本 🎉",
];

/** The fields whose values are free text (X.520 DirectoryString), with RFC 5280's / X.520's bound. */
export const DIRECTORY_FIELDS = [
  ["commonName", 64],
  ["organization", 64],
  ["organizationalUnit", 64],
  ["province", 128],
  ["locality", 128],
  ["postalCode", 40],
] as const;

/** Subject field → attribute OID, in the order a CSR holds them (Go's order, emailAddress last). */
const ORDER: Array<[keyof SubjectFields, string]> = [
  ["country", "2.5.4.6"],
  ["province", "2.5.4.8"],
  ["locality", "2.5.4.7"],
  ["streetAddresses", "2.5.4.9"],
  ["postalCode", "2.5.4.17"],
  ["organization", "2.5.4.10"],
  ["organizationalUnit", "2.5.4.11"],
  ["commonName", "2.5.4.3"],
  ["serialNumber", "2.5.4.5"],
  ["emailAddress", "1.2.840.113549.1.9.1"],
];

const PRINTABLE_STRING = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/**
 * The attributes a CSR for `subject` must hold: order, value, and string type — PrintableString for
 * country and serialNumber, IA5String for emailAddress, otherwise PrintableString when the value
 * allows it and UTF8String when not (RFC 5280 §4.1.2.4 allows both; Go's crypto/x509 chooses so).
 */
export function expectedAttributes(
  subject: SubjectFields,
): Array<{ oid: string; stringType: string; value: string }> {
  const out: Array<{ oid: string; stringType: string; value: string }> = [];
  for (const [field, oid] of ORDER) {
    const given = subject[field];
    for (const value of given === undefined ? [] : Array.isArray(given) ? given : [given]) {
      const stringType =
        field === "emailAddress"
          ? "ia5String"
          : field === "country" || field === "serialNumber" || PRINTABLE_STRING.test(value)
            ? "printableString"
            : "utf8String";
      out.push({ oid, stringType, value: field === "country" ? value.toUpperCase() : value });
    }
  }
  return out;
}

/** Every subject field set to `value` (serialNumber and emailAddress only where their types allow). */
export function everyFieldHolding(value: string): SubjectFields {
  const subject: SubjectFields = { streetAddresses: [value] };
  for (const [field] of DIRECTORY_FIELDS) subject[field] = value;
  return subject;
}

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const rfc4514Special = fc.constantFrom('"', "\\", ",", "+", ";", "<", ">", "=", "#", " ");
/** One code point anywhere in Unicode (controls and astral planes included; never a lone surrogate). */
const anyCodePoint = fc.string({ unit: "binary", minLength: 1, maxLength: 1 });

/** Free text of 1..`max` characters: printable ASCII, RFC 4514 specials and any Unicode. */
export function freeText(max: number): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(printableAscii, rfc4514Special, anyCodePoint), { minLength: 1, maxLength: max })
    .map((chars) => chars.join(""));
}

/** A subject with every field set to random values a CSR can hold. */
export const anySubject: fc.Arbitrary<SubjectFields> = fc.record({
  commonName: freeText(64),
  organization: freeText(64),
  organizationalUnit: freeText(64),
  province: freeText(128),
  locality: freeText(128),
  streetAddresses: fc.array(freeText(128), { minLength: 1, maxLength: 2 }),
  postalCode: freeText(40),
  country: fc.constantFrom("US", "GB", "DE", "JP", "CH"),
  serialNumber: fc
    .array(fc.constantFrom(..."AZaz09 '()+,-./:=?"), { minLength: 1, maxLength: 64 })
    .map((chars) => chars.join("")),
  emailAddress: fc
    .array(
      printableAscii.filter((c) => c !== " "),
      { minLength: 1, maxLength: 40 },
    )
    .map((chars) => `${chars.join("")}@example.com`),
});
