/**
 * Redaction of secrets from any text that may reach a user: error messages, log lines, URLs.
 *
 * Every pass is a linear scan (indexOf / simple character classes, no nested quantifiers), so a
 * pathological input — megabytes of "-----BEGIN" without an END, or endless "Bearer " prefixes —
 * costs time proportional to its length and can never hang a provider operation.
 */

/** What replaces a secret in redacted text. */
export const REDACTED = "[REDACTED]";

const PEM_BEGIN = "-----BEGIN ";
const PEM_END = "-----END ";
const DASHES = "-----";

/** Values registered at run time (tokens, passwords) that must never be printed, even out of context. */
const knownSecrets = new Set<string>();

/**
 * Registers a secret value so that every later {@link redact} call removes it wherever it appears.
 * Values shorter than 6 characters are ignored: redacting them would mangle ordinary words.
 */
export function registerSecret(value: string | undefined): void {
  if (typeof value === "string" && value.length >= 6) knownSecrets.add(value);
}

/** Forgets every registered secret (tests only). */
export function clearRegisteredSecrets(): void {
  knownSecrets.clear();
}

/**
 * Removes secrets from `text`: PEM private-key blocks (any "... PRIVATE KEY" label, also when the END
 * line is missing), Authorization header values, `Bearer`/`Basic` credentials, token/password-like
 * JSON fields, form fields and query parameters, and every value given in `extra` or registered with
 * {@link registerSecret}.
 */
export function redact(text: string, extra: readonly (string | undefined)[] = []): string {
  let out = redactPrivateKeyBlocks(text);
  out = redactSchemeCredentials(out);
  out = redactNamedFields(out);
  for (const secret of [...knownSecrets, ...extra]) {
    if (typeof secret === "string" && secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Replaces each `-----BEGIN <label> PRIVATE KEY-----` … `-----END …-----` block, in one pass. */
function redactPrivateKeyBlocks(text: string): string {
  let result = "";
  let cursor = 0;
  for (;;) {
    const begin = text.indexOf(PEM_BEGIN, cursor);
    if (begin < 0) break;
    const labelEnd = text.indexOf(DASHES, begin + PEM_BEGIN.length);
    if (labelEnd < 0) break;
    const label = text.slice(begin + PEM_BEGIN.length, labelEnd);
    if (!label.endsWith("PRIVATE KEY") || label.length > 64) {
      result += text.slice(cursor, labelEnd);
      cursor = labelEnd;
      continue;
    }
    result += text.slice(cursor, begin) + `-----BEGIN ${label}----- ${REDACTED}`;
    const end = text.indexOf(PEM_END, labelEnd + DASHES.length);
    if (end < 0) {
      // A truncated block (e.g. a message cut at N characters) is still a key: drop the rest.
      return result;
    }
    const endClose = text.indexOf(DASHES, end + PEM_END.length);
    cursor = endClose < 0 ? text.length : endClose + DASHES.length;
    result += ` -----END ${label}-----`;
  }
  return result + text.slice(cursor);
}

/**
 * A word of prose after a scheme name ("Bearer token is missing", "Basic auth-based login"): lower
 * case letters, capitalized at most, hyphenated at most. A credential (base64, base64url, hex, a
 * JWT) has digits, inner capitals or dots; a value registered with {@link registerSecret} is
 * redacted wherever it appears anyway.
 */
const PROSE_WORD = /^[A-Za-z][a-z]*(?:-[a-z]+)*$/;
/** An auth-param of a `WWW-Authenticate` challenge (`Bearer realm="api"`), before its quote. */
const AUTH_PARAM = /^[A-Za-z_]+=$/;
/** The end of an `Authorization:` header (or JSON field) name: what follows is a credential. */
const AFTER_AUTHORIZATION = /authorization["']?\s*[:=]\s*["']?$/i;
/** How far back {@link AFTER_AUTHORIZATION} looks (a bounded slice keeps the pass linear). */
const HEADER_LOOKBEHIND = 40;

/**
 * `Bearer xyz` and `Basic xyz` credentials: keep the scheme, drop the credential. Vendor prose
 * that merely names the scheme keeps its words.
 */
function redactSchemeCredentials(text: string): string {
  return text.replace(
    /\b(Bearer|Basic)\s+([A-Za-z0-9._~+/=:-]+)/gi,
    (match: string, scheme: string, credential: string, offset: number) => {
      const header = text.slice(Math.max(0, offset - HEADER_LOOKBEHIND), offset);
      if (!AFTER_AUTHORIZATION.test(header)) {
        if (PROSE_WORD.test(credential)) return match;
        const next = text.charAt(offset + match.length);
        if (AUTH_PARAM.test(credential) && next === '"') return match;
      }
      return `${scheme} ${REDACTED}`;
    },
  );
}

/**
 * Named fields that carry credentials, in the shapes they appear in: JSON (`"token":"x"`), headers
 * (`authorization: x`, `token: x`, `sessionId: x`, `password: x`), form or query (`password=x`).
 */
function redactNamedFields(text: string): string {
  const names =
    "authorization|proxy-authorization|x-api-key|access_token|accessToken|refresh_token|id_token|" +
    "client_secret|clientSecret|password|passwd|token|sessionId|privateKeyPem|clientPrivateKeyPem|secret";
  // JSON string values: "name": "value" (value without quotes or backslashes, linear).
  const json = new RegExp(`("(?:${names})"\\s*:\\s*)"[^"\\\\]*"`, "gi");
  // Header lines and form/query parameters: name: value | name=value, up to a delimiter.
  const kv = new RegExp(
    `(^|[\\s?&;,{(])((?:${names}))(\\s*[:=]\\s*)(?!\\[REDACTED\\])[^\\s&;,"'})]+`,
    "gim",
  );
  return text
    .replace(json, (_m, head: string) => `${head}"${REDACTED}"`)
    .replace(
      kv,
      (_m, lead: string, name: string, sep: string) => `${lead}${name}${sep}${REDACTED}`,
    );
}

/** Redacts the query string of a URL while keeping its origin and path readable. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return redact(url);
  const params = url
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return /token|secret|password|key|session|auth/i.test(name) ? `${name}=${REDACTED}` : pair;
    });
  return redact(`${url.slice(0, q)}?${params.join("&")}`);
}
