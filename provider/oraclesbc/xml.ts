/**
 * The SBC's XML: the `<response><data/><messages/><links/></response>` envelope read with
 * fast-xml-parser (message texts are collected whatever their item element is called, as
 * vendor-apis.md 1.2 advises), and the `<configElement>` body of a certificate-record.
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

const parser = new XMLParser({ parseTagValue: false, trimValues: false, ignoreAttributes: true });
const builder = new XMLBuilder({ format: false });

/** A parsed envelope. */
export interface SbcEnvelope {
  data: Record<string, unknown>;
  messages: string[];
  links: string[];
}

/**
 * Whether a body is the SBC's `<response>` envelope (or empty, as some 2xx answers are). Anything
 * else — truncated XML, an HTML error page from a proxy — is a malformed answer, not data.
 */
export function isEnvelopeOrEmpty(text: string): boolean {
  const trimmed = text.trim();
  return (
    trimmed === "" || (XMLValidator.validate(trimmed) === true && /<response[\s>/]/.test(trimmed))
  );
}

/**
 * Parses an SBC answer; a body that is not the envelope gives empty parts.
 * @param text - the response body
 */
export function parseEnvelope(text: string): SbcEnvelope {
  let doc: Record<string, unknown> = {};
  try {
    doc = text.trim() ? (parser.parse(text) as Record<string, unknown>) : {};
  } catch {
    doc = {};
  }
  const response = (doc.response ?? {}) as Record<string, unknown>;
  const data = response.data;
  return {
    data: data && typeof data === "object" ? (data as Record<string, unknown>) : {},
    messages: leafTexts(response.messages),
    links: leafTexts(response.links),
  };
}

/** Every text leaf below a node, trimmed, in document order. */
function leafTexts(node: unknown): string[] {
  if (node === undefined || node === null) return [];
  if (typeof node === "string") return node.trim() ? [node.trim()] : [];
  if (Array.isArray(node)) return node.flatMap(leafTexts);
  if (typeof node === "object") return Object.values(node).flatMap(leafTexts);
  return [String(node)];
}

/**
 * A value or a list as a list.
 * @param value - a parsed node
 */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

/** Certificate-record attribute values by attribute name. */
export type SbcAttributes = Record<string, string[]>;

/**
 * Reads the attributes of a `<configElement>` node.
 * @param element - the parsed `configElement`
 */
export function readAttributes(element: unknown): SbcAttributes {
  const out: SbcAttributes = {};
  for (const item of asList((element as Record<string, unknown> | undefined)?.attribute)) {
    const entry = item as Record<string, unknown>;
    const name = String(entry.name ?? "").trim();
    out[name] = asList(entry.value).map((v) => (typeof v === "string" ? v.trim() : ""));
    if (out[name].length === 0) out[name] = [""];
  }
  return out;
}

/**
 * The `<configElement>` body of a certificate-record (values escaped by the builder).
 * @param attributes - the attributes to send (multi-valued ones repeat `<value>`)
 */
export function certificateRecordXml(attributes: SbcAttributes): string {
  return builder.build({
    configElement: {
      elementType: "certificate-record",
      attribute: Object.entries(attributes).map(([name, values]) => ({
        name,
        value: values.length === 1 ? values[0] : values,
      })),
    },
  }) as string;
}

/**
 * The `<ImportCertificate>` body.
 * @param recordName - the certificate-record
 * @param pem - the certificate (and chain) PEM
 * @param overwrite - replace an imported certificate (renewal)
 */
export function importCertificateXml(recordName: string, pem: string, overwrite: boolean): string {
  return builder.build({
    ImportCertificate: {
      recordName,
      format: "x509",
      certificateRequest: pem,
      ...(overwrite ? { overwrite: "true" } : {}),
    },
  }) as string;
}
