import type * as pulumi from "@pulumi/pulumi";

/**
 * How to reach Cisco PCA's API listener (port 443). Every field is optional here: each resolves
 * from this argument, else stack config `certplane:pca<Field>`, else env `CERTPLANE_PCA_<FIELD>`.
 */
export interface PcaConnectionArgs {
  /** Base URL, e.g. `https://pca.example.com`. Config `certplane:pcaUrl`, env `CERTPLANE_PCA_URL`. */
  url?: pulumi.Input<string>;
  /** Bearer or PAT token (secret). Config `certplane:pcaToken`, env `CERTPLANE_PCA_TOKEN`. */
  token?: pulumi.Input<string>;
  /** PEM of a private CA to trust (on-prem PCA often has a self-signed certificate). */
  caCertPem?: pulumi.Input<string>;
  /** Skip server certificate verification (explicit opt-in; a warning is logged). @defaultValue false */
  insecureSkipTlsVerify?: pulumi.Input<boolean>;
  /** Per-request timeout. @defaultValue 30 */
  timeoutSeconds?: pulumi.Input<number>;
  /**
   * HTTP CONNECT proxy to reach PCA through: `http://host:port` or `https://host:port`, optionally
   * `http://user:password@host:port` (then a secret). TLS, the CA and client certificates work end
   * to end through the tunnel. See docs/connections.md.
   * @default - `certplane:pcaProxyUrl`, else `CERTPLANE_PCA_PROXY_URL`, else `HTTPS_PROXY`/`https_proxy`
   */
  proxyUrl?: pulumi.Input<string>;
  /**
   * Hosts reached directly, not through the proxy, in `NO_PROXY` syntax (as Go reads it):
   * comma-separated host names (matching subdomains too), `.domain`, IPs, CIDRs, optional `:port`;
   * `"*"` turns the proxy off for this connection.
   * @default - `certplane:pcaNoProxy`, else `CERTPLANE_PCA_NO_PROXY`, else `NO_PROXY`/`no_proxy`
   */
  noProxy?: pulumi.Input<string>;
}

/** Connection fields wrapped as secrets before they reach the engine. */
export const PCA_SECRET_FIELDS = ["token"] as const;

/**
 * How to reach PCA's Zitadel (`https://<PCA_IP>:3443`). Each field resolves from this argument,
 * else stack config `certplane:zitadel<Field>`, else env `CERTPLANE_ZITADEL_<FIELD>`, else the PCA
 * connection (url: the PCA host on port 3443; token and caCertPem: PCA's).
 */
export interface ZitadelConnectionArgs {
  /** Zitadel base URL. @defaultValue the PCA URL's host on port 3443 */
  url?: pulumi.Input<string>;
  /** Bearer token of a user allowed to manage PATs (secret). @defaultValue the PCA token */
  token?: pulumi.Input<string>;
  /** PEM of a private CA to trust. @defaultValue the PCA caCertPem */
  caCertPem?: pulumi.Input<string>;
  /** Skip server certificate verification (explicit opt-in; warns). @defaultValue false */
  insecureSkipTlsVerify?: pulumi.Input<boolean>;
  /** Per-request timeout. @defaultValue 30 */
  timeoutSeconds?: pulumi.Input<number>;
  /**
   * HTTP CONNECT proxy to reach Zitadel through: `http://host:port` or `https://host:port`, optionally
   * `http://user:password@host:port` (then a secret). TLS, the CA and client certificates work end
   * to end through the tunnel. See docs/connections.md.
   * @default - `certplane:zitadelProxyUrl`, else `CERTPLANE_ZITADEL_PROXY_URL`, else PCA's from config or `CERTPLANE_PCA_PROXY_URL`, else `HTTPS_PROXY`/`https_proxy`
   */
  proxyUrl?: pulumi.Input<string>;
  /**
   * Hosts reached directly, not through the proxy, in `NO_PROXY` syntax (as Go reads it):
   * comma-separated host names (matching subdomains too), `.domain`, IPs, CIDRs, optional `:port`;
   * `"*"` turns the proxy off for this connection.
   * @default - `certplane:zitadelNoProxy`, else `CERTPLANE_ZITADEL_NO_PROXY`, else PCA's from config or `CERTPLANE_PCA_NO_PROXY`, else `NO_PROXY`/`no_proxy`
   */
  noProxy?: pulumi.Input<string>;
}

/** Zitadel connection fields wrapped as secrets. */
export const ZITADEL_SECRET_FIELDS = ["token"] as const;
