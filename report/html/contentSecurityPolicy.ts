/**
 * The page's Content-Security-Policy: nothing may load from anywhere (`default-src 'none'`), and
 * the only style and script allowed are the page's own, named by their SHA-256. A report's text is
 * escaped already; the policy is the second wall: even markup that slipped through could neither
 * run a script, nor load an image, a font or a frame, nor send a form.
 */
import { createHash } from "node:crypto";

/** `'sha256-…'`: the CSP source expression that allows exactly `text` inline. */
function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** The policy that allows exactly `style` and `script`, inline, and nothing else. */
export function contentSecurityPolicy(style: string, script: string): string {
  return [
    "default-src 'none'",
    `style-src ${hashSource(style)}`,
    `script-src ${hashSource(script)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}
