/**
 * The transport of PCA's mTLS validate call when the certificate's key stays in a PKCS#11 token:
 * the PCA connection's URL and trust, handed to the token handshake (../csr/tokenTls.ts). Only
 * ./client.ts calls it; the path and the reading of the answer stay there.
 *
 * The handshake runs in a child process with its own TLS stack, so the provider's pooled agents
 * are not used; the proxy decision is still the one every certplane call makes (`proxyUrl`/`noProxy`,
 * falling back to HTTPS_PROXY/NO_PROXY): the child tunnels through the proxy it is given, and a
 * refused or failed tunnel reads as any other PCA call's proxy failure (a ProxyError).
 */
import {
  booleanField,
  numberField,
  requireField,
  stringField,
  whereToSet,
  type ResolvedConnection,
} from "../core/connection";
import { CertplaneError } from "../core/errors";
import { proxyFailureError } from "../core/proxyFailure";
import { proxyFor, proxySettingsOf } from "../core/proxySettings";
import { httpsGetWithTokenKey, TokenTunnelError, type TokenTlsAnswer } from "../csr/tokenTls";
import type { Pkcs11Settings } from "../csr/pkcs11Settings";

/**
 * GETs `path` of the connection's URL presenting `certificatePem` with the token key; resolves with
 * a 2xx, 401 or 403 answer and rejects on any other status.
 */
export async function pcaTokenKeyGet(
  conn: ResolvedConnection,
  path: string,
  certificatePem: string,
  settings: Pkcs11Settings,
): Promise<TokenTlsAnswer> {
  const baseUrl = requireField(conn, "url");
  const base = new URL(baseUrl);
  if (base.protocol !== "https:") {
    throw new CertplaneError(
      `url must use https:// (got "${base.protocol}//${base.host}"). Set ${whereToSet("pca", "url")}.`,
    );
  }
  const proxy = proxyFor(base, proxySettingsOf(conn));
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}${path}`);
  const timeoutSeconds = numberField(conn, "timeoutSeconds");
  let answer: TokenTlsAnswer;
  try {
    answer = await httpsGetWithTokenKey(
      {
        url,
        caCertPem: stringField(conn, "caCertPem"),
        insecureSkipTlsVerify: booleanField(conn, "insecureSkipTlsVerify"),
        timeoutSeconds,
        clientCertificatePem: certificatePem,
        proxy: proxy?.url,
      },
      settings,
    );
  } catch (err) {
    if (!(err instanceof TokenTunnelError) || proxy === undefined) throw err;
    throw proxyFailureError(err.failure, {
      vendor: "PCA",
      origin: base.origin,
      method: "GET",
      url: url.href,
      proxy,
      timeoutMs: timeoutSeconds * 1000,
      cause: err,
    });
  }
  const accepted =
    (answer.status >= 200 && answer.status < 300) || answer.status === 401 || answer.status === 403;
  if (!accepted) {
    throw new CertplaneError(
      `PCA answered GET ${path} (presenting the key in PKCS#11 token "${settings.tokenLabel}") with ` +
        `HTTP ${answer.status}; expected 200, 401 or 403. Check the connection's url ` +
        `(${whereToSet("pca", "url")}) points at PCA's API listener.`,
    );
  }
  return answer;
}
