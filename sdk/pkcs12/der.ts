/**
 * The few DER building blocks the PKCS#12 writer needs, on node-forge's ASN.1 encoder (forge's own
 * PFX writer only handles RSA keys and draws its salts from a global PRNG, so certplane assembles the
 * structure itself).
 */
import forge from "node-forge";

const { asn1 } = forge;

/** An ASN.1 node (node-forge's type). */
export type Asn1 = forge.asn1.Asn1;

/** SEQUENCE of `items`. */
export const seq = (items: Asn1[]): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);

/** SET of `items` (in the order given: every caller passes one item or a fixed order). */
export const set = (items: Asn1[]): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);

/** OBJECT IDENTIFIER from its dotted form. */
export const oid = (value: string): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());

/** OCTET STRING holding `bytes`. */
export const octets = (bytes: Buffer): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString("binary"));

/** INTEGER holding a small non-negative `value` (a version or an iteration count). */
export const integer = (value: number): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());

/** NULL (the parameters of a hash or HMAC AlgorithmIdentifier). */
export const nullValue = (): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, "");

/** BMPString: forge encodes the JS string as UTF-16BE itself. */
export const bmpString = (value: string): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BMPSTRING, false, value);

/** `[0] EXPLICIT inner`. */
export const explicit0 = (inner: Asn1): Asn1 =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [inner]);

/** The DER encoding of `node`. */
export const der = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), "binary");
