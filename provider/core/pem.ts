/**
 * PEM text helpers: find blocks by label, normalize line endings, tell a certificate from a CSR.
 */

/** One PEM block. */
export interface PemBlock {
  /** The label, e.g. `CERTIFICATE`, `CERTIFICATE REQUEST`, `PRIVATE KEY`. */
  label: string;
  /** The whole block, BEGIN to END, with a trailing newline. */
  pem: string;
}

/** Every well-formed PEM block in `text`, in order (linear scan, no regex backtracking). */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const normalized = text.replace(/\r\n/g, "\n");
  let cursor = 0;
  for (;;) {
    const begin = normalized.indexOf("-----BEGIN ", cursor);
    if (begin < 0) break;
    const labelEnd = normalized.indexOf("-----", begin + 11);
    if (labelEnd < 0) break;
    const label = normalized.slice(begin + 11, labelEnd);
    const endMarker = `-----END ${label}-----`;
    const end = normalized.indexOf(endMarker, labelEnd + 5);
    if (end < 0) break;
    blocks.push({ label, pem: normalized.slice(begin, end + endMarker.length) + "\n" });
    cursor = end + endMarker.length;
  }
  return blocks;
}

/** The blocks labelled `label`. */
export function pemBlocksOf(text: string, label: string): string[] {
  return pemBlocks(text)
    .filter((b) => b.label === label)
    .map((b) => b.pem);
}

/** Whether `text` holds at least one block labelled `label`. */
export function hasPemBlock(text: unknown, label: string): boolean {
  return typeof text === "string" && pemBlocks(text).some((b) => b.label === label);
}

/** Canonical form for comparisons: LF line endings, trimmed, one trailing newline. */
export function normalizePem(text: string): string {
  return text.replace(/\r\n/g, "\n").trim() + "\n";
}

/**
 * What PEM text holds, for an error message, without echoing any of it (it may be a private key):
 * `text without a PEM block`, or the labels of its blocks.
 */
export function describePem(text: string): string {
  const labels = pemBlocks(text).map((b) => `"${b.label}"`);
  if (labels.length === 0) return "text without a PEM block";
  return labels.length === 1
    ? `a PEM block labelled ${labels[0]}`
    : `PEM blocks labelled ${labels.join(", ")}`;
}
