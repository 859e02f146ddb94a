/**
 * Escaping for everything the report puts into the page. Every string that comes from a report
 * (stack names, subjects, serials — anything a state file can hold) passes through one of these,
 * so it can only ever be text or an attribute value, never markup.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  // A browser reads a raw CR (and CRLF) as LF before parsing; as a reference it stays a CR.
  "\r": "&#13;",
};

/** A lone UTF-16 surrogate, or NUL: neither can be written into a UTF-8 page as itself. */
const UNWRITABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\0/g;

/**
 * Escapes `value` for an HTML text node or a double- or single-quoted attribute value, so that the
 * browser reads back exactly `value`: markup characters and CR become references, and lone
 * surrogates and NUL (which a UTF-8 page cannot carry) become U+FFFD, as a browser would show them.
 */
export function escapeHtml(value: string): string {
  return value.replace(UNWRITABLE, "\ufffd").replace(/[&<>"'\r]/g, (char) => HTML_ESCAPES[char]);
}
