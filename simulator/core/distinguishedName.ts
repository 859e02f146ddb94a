// Names for the certificates the simulator issues, built from typed attribute values and never from a
// distinguished-name string: a requested username, a role or a CSR's subject holds whatever the caller
// sent, and a DN string would need every value escaped (and @peculiar/x509's parser drops quotes and
// backslashes and reads a leading "#" as hex). The provider has its own builder: the simulator shares
// no code with it.
import type * as x509types from "@peculiar/x509";
import { x509WithNodeCrypto } from "./x509";

/** OIDs of the attribute types the simulator writes, by their usual short names. */
const ATTRIBUTE_OIDS = {
  C: "2.5.4.6",
  ST: "2.5.4.8",
  L: "2.5.4.7",
  O: "2.5.4.10",
  OU: "2.5.4.11",
  CN: "2.5.4.3",
} as const;

/** An attribute type the simulator writes. */
export type NameAttributeType = keyof typeof ATTRIBUTE_OIDS;

/** The characters of ASN.1 PrintableString. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/**
 * A Name with one RDN per `[type, value]`, in the order given. Each value is a PrintableString when its
 * characters allow it and a UTF8String otherwise, as RFC 5280 §4.1.2.4 has CAs encode DirectoryString.
 */
export function directoryName(attributes: Array<[NameAttributeType, string]>): x509types.Name {
  const x509 = x509WithNodeCrypto();
  return new x509.Name(
    attributes.map(([type, value]) => ({
      [ATTRIBUTE_OIDS[type]]: [
        PRINTABLE.test(value) ? { printableString: value } : { utf8String: value },
      ],
    })),
  );
}
