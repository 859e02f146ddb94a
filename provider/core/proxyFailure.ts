/**
 * The error for a tunnel the egress proxy refused or failed (407, 403, 502/503/504, a proxy that
 * cannot be reached or does not answer), written once for every path that tunnels: the HTTP client's
 * pooled agents (./http.ts) and the PKCS#11 token handshake's child process (../csr/tokenTls.ts).
 * Messages show the proxy as {@link displayProxy}: never its credentials.
 */
import { ProxyError, type VendorName } from "./errors";
import type { TunnelFailure } from "./proxyAgent";
import { displayProxy, type ProxyTarget } from "./proxySettings";

/** The request the tunnel was for. */
export interface TunnelRequest {
  vendor: VendorName;
  /** The vendor's origin (`https://host:port`), the tunnel's target. */
  origin: string;
  method: string;
  /** The request's URL (redacted by the error). */
  url: string;
  /** The proxy the tunnel went to. */
  proxy: ProxyTarget;
  /** How long the proxy had to answer CONNECT. */
  timeoutMs: number;
  /** Kept off the error's enumerable surface. */
  cause?: unknown;
}

/**
 * A ProxyError for `failure` (the proxy's refusal or its unreachability), or for a proxy that did
 * not answer CONNECT within `request.timeoutMs` when `failure` is undefined. Its `vendorCode` is
 * EPROXYAUTH (407), EPROXYUNAVAILABLE (5xx), EPROXYREFUSED (other statuses), the socket's code
 * (unreachable proxy) or ETIMEDOUT.
 */
export function proxyFailureError(
  failure: TunnelFailure | undefined,
  request: TunnelRequest,
): ProxyError {
  const { proxy } = request;
  const shown = displayProxy(proxy.url);
  const named = `the proxy ${shown} (proxyUrl from ${proxy.source})`;
  const tunnelTo = new URL(request.origin).host;
  const direct = `or list ${new URL(request.origin).hostname} in noProxy (NO_PROXY) to reach it directly`;
  let summary: string;
  let remediation: string;
  let errorCode: string;
  let proxyStatus: number | undefined;
  if (failure !== undefined && failure.proxyStatus !== undefined) {
    proxyStatus = failure.proxyStatus;
    summary = `${named} refused the tunnel to ${tunnelTo}: HTTP ${proxyStatus} ${failure.statusText}.`;
    if (proxyStatus === 407) {
      errorCode = "EPROXYAUTH";
      remediation =
        proxy.url.username || proxy.url.password
          ? `the proxy rejected the user and password in the proxy URL; correct them in ${proxy.source} ` +
            `(percent-encode reserved characters such as @ : / in them).`
          : `the proxy requires authentication: give it in the proxy URL, ` +
            `http://user:password@${proxy.url.host}, in ${proxy.source}.`;
    } else if (proxyStatus >= 500) {
      errorCode = "EPROXYUNAVAILABLE";
      remediation = `the proxy could not reach ${tunnelTo}; check the connection url and that the proxy can reach it, ${direct}.`;
    } else {
      errorCode = "EPROXYREFUSED";
      remediation = `the proxy's policy does not allow a tunnel to ${tunnelTo}; ask its administrators to allow CONNECT to it, ${direct}.`;
    }
  } else if (failure !== undefined) {
    errorCode = failure.code ?? "EPROXY";
    summary = `cannot reach ${named} (${errorCode}).`;
    remediation = `check the proxy URL in ${proxy.source} and that the proxy is up, or set noProxy: "*" to go direct.`;
  } else {
    errorCode = "ETIMEDOUT";
    summary = `${named} did not answer the tunnel request to ${tunnelTo} within ${request.timeoutMs / 1000} s.`;
    remediation = `check the proxy URL in ${proxy.source} and the proxy's health, or set noProxy: "*" to go direct.`;
  }
  return new ProxyError(
    {
      vendor: request.vendor,
      kind: "connection",
      vendorCode: errorCode,
      method: request.method,
      url: request.url,
      // No property: the failure is the network path's, not an input's.
      remediation,
      cause: request.cause,
      proxy: shown,
      proxyStatus,
    },
    summary,
  );
}
