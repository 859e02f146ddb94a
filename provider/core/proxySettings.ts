/**
 * A connection's egress proxy: the `proxyUrl` and `noProxy` fields every vendor connection has, how
 * they fall back to the standard `HTTPS_PROXY`/`NO_PROXY` environment (as Pulumi and Go providers
 * read it), and the one proxy (or none) a given vendor URL is reached through.
 *
 * A proxy URL may hold `user:password@`; those credentials are registered for redaction as soon as
 * the field resolves and every message shows the proxy as {@link displayProxy} (credentials removed).
 */
import {
  describeSource,
  type ConnectionFieldSpec,
  type ResolvedConnection,
  type ResolvedField,
} from "./connection";
import { CertplaneError } from "./errors";
import { bypassesProxy, parseNoProxy } from "./noProxy";
import { registerSecret } from "./redact";

/** The proxy to use for one client, after `noProxy` was applied. */
export interface ProxyTarget {
  /** The proxy URL, credentials included (never printed: use {@link displayProxy}). */
  url: URL;
  /** Where the URL came from, in words ("environment variable HTTPS_PROXY"). */
  source: string;
}

/** A connection's resolved proxy fields, as the HTTP client takes them. */
export interface ProxySettings {
  /** The proxy URL as given (may lack a scheme, may hold credentials); undefined: no proxy. */
  proxyUrl?: string;
  /** Where proxyUrl came from, in words. */
  proxyUrlSource?: string;
  /** Hosts reached directly (`NO_PROXY` syntax). */
  noProxy?: string;
}

/** The standard variables, upper case first (as Go reads them); an empty value counts as unset. */
const PROXY_ENV = ["HTTPS_PROXY", "https_proxy"] as const;
const NO_PROXY_ENV = ["NO_PROXY", "no_proxy"] as const;

/** The first set variable of `names` as a resolved field. */
function fromStandardEnv(names: readonly string[]): ResolvedField | undefined {
  for (const name of names) {
    const value = process.env[name];
    if (value !== undefined && value !== "") return { value, source: { kind: "env", name } };
  }
  return undefined;
}

/**
 * The `proxyUrl` and `noProxy` field specs. Each resolves like every connection field (argument →
 * `certplane:<vendor>ProxyUrl` → `CERTPLANE_<VENDOR>_PROXY_URL`), then `inherit` (Zitadel takes
 * PCA's), then the standard environment.
 */
export function proxyFieldSpecs(
  inherit?: (name: "proxyUrl" | "noProxy") => ResolvedField | undefined,
): ConnectionFieldSpec[] {
  return [
    {
      name: "proxyUrl",
      kind: "string",
      registerSecrets: registerProxyCredentials,
      fallback: () => inherit?.("proxyUrl") ?? fromStandardEnv(PROXY_ENV),
    },
    {
      name: "noProxy",
      kind: "string",
      fallback: () => inherit?.("noProxy") ?? fromStandardEnv(NO_PROXY_ENV),
    },
  ];
}

/** The proxy fields of a resolved connection, for {@link HttpClientConfig}. */
export function proxySettingsOf(conn: ResolvedConnection): ProxySettings {
  const url = conn.fields.proxyUrl;
  const noProxy = conn.fields.noProxy?.value;
  return {
    proxyUrl: typeof url?.value === "string" ? url.value : undefined,
    proxyUrlSource: url ? describeSource(url.source) : undefined,
    noProxy: typeof noProxy === "string" ? noProxy : undefined,
  };
}

/**
 * Registers the credentials of a proxy URL for redaction: the password, `user:password` and the
 * whole URL, raw and percent-decoded (the CONNECT request carries them decoded).
 */
export function registerProxyCredentials(value: string): void {
  const url = tryParse(value);
  if (!url || (url.username === "" && url.password === "")) return;
  // Longest first: redaction replaces registered values in registration order.
  registerSecret(value);
  for (const text of [`${url.username}:${url.password}`, url.password]) {
    registerSecret(text);
    registerSecret(safeDecode(text));
  }
}

/**
 * The proxy for a request to `target`, or undefined when there is none or `noProxy` lists the host.
 * Throws a CertplaneError (credentials removed) for a proxy URL certplane cannot use.
 */
export function proxyFor(
  target: URL,
  settings: ProxySettings | undefined,
): ProxyTarget | undefined {
  if (!settings?.proxyUrl) return undefined;
  if (bypassesProxy(parseNoProxy(settings.noProxy), target.hostname, target.port)) return undefined;
  const source = settings.proxyUrlSource ?? "proxyUrl";
  const url = tryParse(settings.proxyUrl);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") {
    throw new CertplaneError(
      `The proxy URL from ${source} is not an http:// or https:// proxy URL (got ` +
        `"${displayProxyText(settings.proxyUrl)}"). Fix: give http://host:port or https://host:port ` +
        `(optionally http://user:password@host:port), or set noProxy: "*" to go direct.`,
    );
  }
  return { url, source };
}

/** A proxy URL as it may be shown: scheme, host and port, never credentials or a path. */
export function displayProxy(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** {@link displayProxy} for text that may not parse: everything before the last `@` is dropped. */
function displayProxyText(text: string): string {
  const url = tryParse(text);
  if (url) return displayProxy(url);
  const at = text.lastIndexOf("@");
  return at < 0 ? text : `…@${text.slice(at + 1)}`;
}

/** Parses a proxy URL; one without a scheme is http, as Go and curl read `HTTPS_PROXY=proxy:3128`. */
function tryParse(text: string): URL | undefined {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    return new URL(withScheme);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
