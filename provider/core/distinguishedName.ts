/**
 * Distinguished names as certplane prints them in outputs (`subject`, `issuer`): values escaped as RFC
 * 4514 §2.4 requires, so a parser gets each value back exactly, in the form `openssl x509 -subject`
 * and Node print — the certificate's own RDN order (most general first), `, ` between RDNs and ` + `
 * inside a multi-valued one. Byte for byte it is what
 * `openssl x509 -noout -subject -nameopt esc_2253,esc_ctrl,utf8,dump_nostr,dump_unknown,dump_der,sep_comma_plus_space,sname`
 * prints, for the attribute types named below (others print as a dotted OID with the `#`-hex BER value,
 * as RFC 4514 §2.4 prescribes).
 */
import { childrenOf, oidText, readElement } from "./der";

/** One attribute of a name, read from its DER. */
export interface NameAttribute {
  /** The attribute type's OID. */
  oid: string;
  /** The value's ASN.1 tag (0x0c UTF8String, 0x13 PrintableString, 0x16 IA5String, …). */
  tag: number;
  /** The value as text when its type is a character string; undefined otherwise. */
  text?: string;
  /** The value's whole DER encoding. */
  der: Buffer;
}

/** A name: its RDNs in encoded order, each a set of attributes (almost always one). */
export type NameAttributes = NameAttribute[][];

/** Short names as OpenSSL prints them (`sname`), for the attribute types certificates commonly carry. */
const SHORT_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "street",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "title",
  "2.5.4.13": "description",
  "2.5.4.15": "businessCategory",
  "2.5.4.17": "postalCode",
  "2.5.4.42": "GN",
  "2.5.4.43": "initials",
  "2.5.4.44": "generationQualifier",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "2.5.4.97": "organizationIdentifier",
  "1.2.840.113549.1.9.1": "emailAddress",
  "0.9.2342.19200300.100.1.1": "UID",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.3.6.1.4.1.311.60.2.1.1": "jurisdictionL",
  "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionST",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionC",
};

/** Decoders of the character-string types a name may use, by tag. */
const STRING_DECODERS: Record<number, (content: Buffer) => string> = {
  0x0c: (c) => c.toString("utf8"), // UTF8String
  0x12: (c) => c.toString("latin1"), // NumericString
  0x13: (c) => c.toString("latin1"), // PrintableString
  0x14: (c) => c.toString("latin1"), // TeletexString, read as Latin-1 as OpenSSL reads it
  0x16: (c) => c.toString("latin1"), // IA5String
  0x1a: (c) => c.toString("latin1"), // VisibleString
  0x1c: (c) => decodeWide(c, 4), // UniversalString (UCS-4)
  0x1e: (c) => decodeWide(c, 2), // BMPString (UCS-2)
};

function decodeWide(content: Buffer, width: 2 | 4): string {
  let text = "";
  for (let i = 0; i + width <= content.length; i += width) {
    text += String.fromCodePoint(width === 2 ? content.readUInt16BE(i) : content.readUInt32BE(i));
  }
  return text;
}

/** Reads the attributes of a DER-encoded Name (the SEQUENCE itself). */
export function nameAttributes(nameDer: Buffer): NameAttributes {
  const name = readElement(nameDer);
  return childrenOf(name.content).map((rdn) =>
    childrenOf(rdn.content).map((attribute) => {
      const [type, value] = childrenOf(attribute.content);
      const decode = STRING_DECODERS[value.tag];
      return {
        oid: oidText(type.content),
        tag: value.tag,
        text: decode?.(value.content),
        der: Buffer.from(value.encoded),
      };
    }),
  );
}

/** RFC 4514 §2.4 escaping, with control characters as `\XX` hex pairs (as OpenSSL's esc_ctrl). */
export function escapeValue(value: string): string {
  const chars = [...value];
  return chars
    .map((ch, i) => {
      if ((i === 0 && (ch === "#" || ch === " ")) || (i === chars.length - 1 && ch === " ")) {
        return `\\${ch}`;
      }
      if (',+"\\<>;'.includes(ch)) return `\\${ch}`;
      const code = ch.codePointAt(0) as number;
      if (code < 0x20 || code === 0x7f)
        return `\\${code.toString(16).toUpperCase().padStart(2, "0")}`;
      return ch;
    })
    .join("");
}

/** One attribute as `type=value`. */
function formatAttribute(attribute: NameAttribute): string {
  const short = SHORT_NAMES[attribute.oid];
  if (short !== undefined && attribute.text !== undefined) {
    return `${short}=${escapeValue(attribute.text)}`;
  }
  return `${short ?? attribute.oid}=#${attribute.der.toString("hex").toUpperCase()}`;
}

/** The name as certplane prints it (see the file comment), e.g. `C=US, O=Acme \"Widgets\" Ltd, CN=api`. */
export function formatName(name: NameAttributes): string {
  return name.map((rdn) => rdn.map(formatAttribute).join(" + ")).join(", ");
}
