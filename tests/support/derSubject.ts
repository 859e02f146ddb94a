/**
 * The subject attributes of a CSR or certificate as their DER holds them, read with @peculiar/x509's
 * ASN.1 schema — a reader independent of certplane's own (provider/core/der.ts) — so specs judge the
 * CSR builder and the output printer against the encoded bytes.
 */
import { x509 } from "../../provider/core/peculiar";

/** One attribute: OID, the ASN.1 string type its value uses, and the value. */
export interface DerAttribute {
  oid: string;
  stringType: string;
  value: string;
}

type AsnName = Array<Array<{ type: string; value: Record<string, unknown> }>>;

const STRING_TYPES = [
  "printableString",
  "utf8String",
  "ia5String",
  "bmpString",
  "universalString",
  "teletexString",
];

/** The attributes of `name` in encoded order, one entry per attribute (RDNs flattened). */
export function derAttributes(name: x509.Name): DerAttribute[] {
  // The parsed ASN.1 structure is private in the typings, public at run time.
  const asn = (name as unknown as { asn: AsnName }).asn;
  return [...asn].flatMap((rdn) =>
    [...rdn].map((attribute) => {
      const stringType = STRING_TYPES.find((t) => typeof attribute.value[t] === "string");
      if (stringType === undefined) throw new Error(`attribute ${attribute.type} is not a string`);
      return { oid: attribute.type, stringType, value: attribute.value[stringType] as string };
    }),
  );
}

/** The subject attributes of a PEM CSR. */
export function csrSubjectAttributes(csrPem: string): DerAttribute[] {
  return derAttributes(new x509.Pkcs10CertificateRequest(csrPem).subjectName);
}

/** The subject attributes of a PEM certificate. */
export function certificateSubjectAttributes(certificatePem: string): DerAttribute[] {
  return derAttributes(new x509.X509Certificate(certificatePem).subjectName);
}
