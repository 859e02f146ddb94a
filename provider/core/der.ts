/**
 * The little DER reading certplane needs to see names exactly as encoded (string type and bytes): a
 * tag-length-value reader, children of a constructed value, and OBJECT IDENTIFIER text. Parsing
 * libraries re-encode and re-decode values on the way (and differ on string types), so names are read
 * from the original bytes here.
 */

/** One DER element. */
export interface DerElement {
  /** The identifier octet(s) as a number (0x30 SEQUENCE, 0x0c UTF8String, …). */
  tag: number;
  /** The content octets. */
  content: Buffer;
  /** The whole element: identifier, length and content. */
  encoded: Buffer;
}

/** Reads the element that starts at `offset` of `der`; throws on truncated or indefinite lengths. */
export function readElement(der: Buffer, offset = 0): DerElement & { end: number } {
  let at = offset;
  const byte = (): number => {
    if (at >= der.length) throw new Error("truncated DER");
    return der[at++];
  };
  let tag = byte();
  if ((tag & 0x1f) === 0x1f) {
    // High tag number form: base-128 continuation octets follow.
    let next: number;
    do {
      next = byte();
      tag = tag * 256 + next;
    } while (next & 0x80);
  }
  let length = byte();
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new Error("unsupported DER length");
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + byte();
  }
  const end = at + length;
  if (end > der.length) throw new Error("truncated DER");
  return { tag, content: der.subarray(at, end), encoded: der.subarray(offset, end), end };
}

/** The elements inside a constructed element's content, in order. */
export function childrenOf(content: Buffer): DerElement[] {
  const out: DerElement[] = [];
  for (let offset = 0; offset < content.length;) {
    const element = readElement(content, offset);
    out.push(element);
    offset = element.end;
  }
  return out;
}

/** Dotted text of an OBJECT IDENTIFIER's content octets. */
export function oidText(content: Buffer): string {
  const arcs: number[] = [];
  let value = 0;
  for (const octet of content) {
    value = value * 128 + (octet & 0x7f);
    if (octet & 0x80) continue;
    if (arcs.length === 0)
      arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs.join(".");
}
