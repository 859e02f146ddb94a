/**
 * A CSR's subject fields as X.500 attributes: the attribute type, the ASN.1 string type its value is
 * encoded in, and the longest value it may hold, in the order certplane writes them. One table serves
 * `check` (what a CSR can hold) and the CSR builder, which builds the Name from typed values, never from
 * a distinguished-name string: no value is escaped or parsed, so every value reaches the CSR unchanged.
 */
import { x509 } from "../core/peculiar";

/** Subject fields, named as `@pulumi/tls` names them (plus emailAddress). */
export interface SubjectFields {
  commonName?: string;
  organization?: string;
  organizationalUnit?: string;
  country?: string;
  province?: string;
  locality?: string;
  streetAddresses?: string[];
  postalCode?: string;
  serialNumber?: string;
  emailAddress?: string;
}

/**
 * How a value is encoded:
 * - `directory`: X.520 DirectoryString; PrintableString when every character allows it, else
 *   UTF8String — the two RFC 5280 §4.1.2.4 lets CAs use, chosen as Go's crypto/x509 (and so
 *   `@pulumi/tls` and most CAs) chooses;
 * - `printable`: PrintableString only (X.520 countryName and serialNumber);
 * - `ia5`: IA5String, i.e. ASCII (PKCS#9 emailAddress).
 */
export type AttributeString = "directory" | "printable" | "ia5";

/** One subject field as an X.500 attribute. */
export interface SubjectAttribute {
  field: keyof SubjectFields;
  /** The attribute type's OID. */
  oid: string;
  string: AttributeString;
  /** Most characters a value may have. */
  maxChars: number;
  /** Where that bound is defined, for error messages. */
  bound: string;
}

/**
 * RDN order as Go's crypto/x509 (and so `@pulumi/tls`) writes it: C, ST, L, street, postalCode, O, OU,
 * CN, serialNumber — plus emailAddress last, where OpenSSL puts it. Bounds are RFC 5280 Appendix A's
 * (X.520's where RFC 5280 has none).
 */
export const SUBJECT_ATTRIBUTES: readonly SubjectAttribute[] = [
  {
    field: "country",
    oid: "2.5.4.6",
    string: "printable",
    maxChars: 2,
    bound: "RFC 5280 ub-country-name-alpha-length",
  },
  {
    field: "province",
    oid: "2.5.4.8",
    string: "directory",
    maxChars: 128,
    bound: "RFC 5280 ub-state-name",
  },
  {
    field: "locality",
    oid: "2.5.4.7",
    string: "directory",
    maxChars: 128,
    bound: "RFC 5280 ub-locality-name",
  },
  {
    field: "streetAddresses",
    oid: "2.5.4.9",
    string: "directory",
    maxChars: 128,
    bound: "X.520 ub-street-address",
  },
  {
    field: "postalCode",
    oid: "2.5.4.17",
    string: "directory",
    maxChars: 40,
    bound: "X.520 ub-postal-code",
  },
  {
    field: "organization",
    oid: "2.5.4.10",
    string: "directory",
    maxChars: 64,
    bound: "RFC 5280 ub-organization-name",
  },
  {
    field: "organizationalUnit",
    oid: "2.5.4.11",
    string: "directory",
    maxChars: 64,
    bound: "RFC 5280 ub-organizational-unit-name",
  },
  {
    field: "commonName",
    oid: "2.5.4.3",
    string: "directory",
    maxChars: 64,
    bound: "RFC 5280 ub-common-name",
  },
  {
    field: "serialNumber",
    oid: "2.5.4.5",
    string: "printable",
    maxChars: 64,
    bound: "RFC 5280 ub-serial-number",
  },
  {
    field: "emailAddress",
    oid: "1.2.840.113549.1.9.1",
    string: "ia5",
    maxChars: 255,
    bound: "RFC 5280 ub-emailaddress-length",
  },
];

/** The characters of ASN.1 PrintableString (X.680 §41.4). */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
/** IA5String: the 128 ASCII characters. */
const IA5 = /^[\x00-\x7f]*$/;
/** A UTF-16 surrogate that is not half of a pair: no UTF-8 (or any ASN.1 string) can encode it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Number of characters (Unicode code points) in `value`, as ASN.1 SIZE constraints count them. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/**
 * Why `value` cannot be the value of `attribute` in a CSR, as a sentence naming `property`, the limit and
 * the value; undefined when it can.
 */
export function attributeValueProblem(
  property: string,
  attribute: SubjectAttribute,
  value: string,
): string | undefined {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (LONE_SURROGATE.test(value)) {
    return `${property} holds an unpaired UTF-16 surrogate, which no certificate string can encode; got ${shown}.`;
  }
  if (attribute.string === "printable" && !PRINTABLE.test(value)) {
    return (
      `${property} must use only the characters of an ASN.1 PrintableString (letters, digits, space and ` +
      `' ( ) + , - . / : = ?), the only string type ${attribute.field} has in a certificate; got ${shown}.`
    );
  }
  if (attribute.string === "ia5" && !IA5.test(value)) {
    return `${property} must be ASCII: ${attribute.field} is an IA5String in a certificate (PKCS#9); got ${shown}.`;
  }
  const chars = characterCount(value);
  if (chars > attribute.maxChars) {
    return (
      `${property} must have at most ${attribute.maxChars} characters, the most a CSR's ` +
      `${attribute.field} can hold (${attribute.bound}); got ${chars}: ${shown}.`
    );
  }
  return undefined;
}

/** The attribute value object @peculiar/x509 encodes with exactly the given ASN.1 string type. */
function typedValue(attribute: SubjectAttribute, value: string): x509.JsonAttributeObject {
  if (attribute.string === "ia5") return { ia5String: value };
  if (attribute.string === "printable" || PRINTABLE.test(value)) return { printableString: value };
  return { utf8String: value };
}

/** Builds the subject Name: one single-valued RDN per value, in {@link SUBJECT_ATTRIBUTES} order. */
export function subjectName(subject: SubjectFields | undefined): x509.Name {
  const rdns: x509.JsonAttributeAndObjectValue[] = [];
  for (const attribute of SUBJECT_ATTRIBUTES) {
    const given = subject?.[attribute.field];
    const values = given === undefined ? [] : Array.isArray(given) ? given : [given];
    for (const value of values) {
      if (value !== "") rdns.push({ [attribute.oid]: [typedValue(attribute, value)] });
    }
  }
  return new x509.Name(rdns);
}
