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
import { whereToSet, type ResolvedConnection } from "../core/connection";
import { CertplaneError } from "../core/errors";
import { httpsBaseUrl } from "../core/http";
import { proxyFailureError } from "../core/proxyFailure";
import { proxyFor } from "../core/proxySettings";
import { httpsGetWithTokenKey, TokenTunnelError, type TokenTlsAnswer } from "../csr/tokenTls";
import type { Pkcs11Settings } from "../csr/pkcs11Settings";
import { pcaClientConfig } from "./connection";

/**
 * GETs `path` of the connection's URL presenting `certificatePem` with the token key; resolves with
 * a 2xx, 401 or 403 answer and rejects on any other status.
 */
export async function pcaTokenKeyGet(
  conn: ResolvedConnection,
  path: string,
  certificatePem: string,
  settings: Pkcs11Settings,
  enginePath: string,
): Promise<TokenTlsAnswer> {
  // The URL, trust, timeout and proxy a pooled PCA call would use.
  const config = pcaClientConfig(conn, { withToken: false });
  const base = httpsBaseUrl(config);
  const proxy = proxyFor(base, config.proxy);
  const url = new URL(`${config.baseUrl.replace(/\/+$/, "")}${path}`);
  const timeoutSeconds = config.timeoutSeconds;
  let answer: TokenTlsAnswer;
  try {
    answer = await httpsGetWithTokenKey(
      {
        url,
        caCertPem: config.caCertPem,
        insecureSkipTlsVerify: config.insecureSkipTlsVerify === true,
        timeoutSeconds,
        clientCertificatePem: certificatePem,
        proxy: proxy?.url,
      },
      settings,
      enginePath,
    );
  } catch (err) {
    if (!(err instanceof TokenTunnelError) || proxy === undefined) throw err;
    throw proxyFailureError(err.failure, {
      vendor: config.vendor,
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
